package io.incidentops.executor.run;

import io.incidentops.events.EventCodec;
import io.incidentops.events.model.MitigationAction;
import io.incidentops.executor.mitigation.Mitigation;
import io.incidentops.executor.mitigation.MitigationApplier;
import io.incidentops.executor.mitigation.MitigationRequest;
import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.problem.InvalidInputException;
import io.incidentops.platform.problem.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A rollback, restart, scale or isolate step. It never acts itself: it requests the mitigation as a person would, so
 * the mitigation path previews it, applies the approval rule and keeps the audit record. Applied at once, the step
 * passes (fails when the action failed); awaiting a commander's approval, the step waits with it (skipped when the
 * commander rejects it).
 */
@ApplicationScoped
public class MitigationStep {

    private static final int MAX_TITLE = 1000;

    @Inject
    MitigationApplier applier;

    /** What the step records of its mitigation. */
    public record Requested(UUID mitigationId, MitigationAction action, String target, Mitigation.Status status,
                            Mitigation.Executor executor, String detail) {
    }

    public StepResult run(RunbookRunService.DueStep step, MitigationAction action) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (step.parameters().replicas() != null) parameters.put("replicas", step.parameters().replicas());
        if (step.parameters().factor() != null) parameters.put("factor", step.parameters().factor());
        String title = step.title().length() <= MAX_TITLE ? step.title() : step.title().substring(0, MAX_TITLE) + "…";
        MitigationRequest request = new MitigationRequest(action, null, parameters.isEmpty() ? null : parameters,
                "Runbook " + step.runbook() + " step " + step.step() + ": " + title);
        Mitigation m;
        try {
            // one attempt per step: claimed again after its lease ran out (a slow action, a crash, another replica),
            // the step finds the mitigation it recorded and carries nothing out twice
            m = applier.apply(step.incidentId(), request, "runbook:" + step.runbook(),
                    "step:" + step.runId() + ":" + step.step()).mitigation();
        } catch (ConflictException | InvalidInputException | ResourceNotFoundException e) {
            return StepResult.of(StepResult.ERROR, action + " not requested: " + e.getMessage(),
                    Map.of("action", action, "error", String.valueOf(e.getMessage())));
        }
        Requested requested = new Requested(m.id, m.action, m.target, m.status, m.executor, m.detail);
        return switch (m.status) {
            case AWAITING_APPROVAL -> new StepResult(StepResult.AWAITING_APPROVAL, m.action + " of " + m.target
                    + " awaits a commander's approval (mitigation " + m.id + ")", requested, m.id);
            case APPLIED, FAILED, REJECTED -> settled(step.action(), m.status, m.detail, new StepResult(null, null, requested, m.id));
            // recorded by an earlier claim of the step whose action has no outcome yet: left to the lease, never redone
            case REQUESTED -> throw new IllegalStateException(m.action + " of " + m.target + " has no outcome yet"
                    + " (mitigation " + m.id + ")");
        };
    }

    /** The step's result once its mitigation was applied, failed or rejected; {@code before}: what the step recorded. */
    static StepResult settled(String stepAction, Mitigation.Status status, String detail, StepResult before) {
        Requested was = EventCodec.mapper().convertValue(before.data(), Requested.class);
        Requested now = new Requested(was.mitigationId(), was.action(), was.target(), status, was.executor(), detail);
        String outcome = switch (status) {
            case APPLIED -> StepResult.PASSED;
            case REJECTED -> StepResult.SKIPPED; // a commander's decision, not a failed action
            default -> StepResult.FAILED;
        };
        String verb = switch (status) {
            case APPLIED -> " applied: ";
            case REJECTED -> " not applied: ";
            default -> " failed: ";
        };
        return new StepResult(outcome, was.action() + " of " + was.target() + verb + detail + " (mitigation "
                + was.mitigationId() + ")", now, was.mitigationId());
    }
}
