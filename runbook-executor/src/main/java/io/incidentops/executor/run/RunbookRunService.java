package io.incidentops.executor.run;

import io.incidentops.platform.worker.Traced;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.events.EventCodec;
import io.incidentops.events.executor.RunbookCompleted;
import io.incidentops.events.executor.RunbookStarted;
import io.incidentops.events.executor.RunbookStepCompleted;
import io.incidentops.executor.config.ExecutorConfig;
import io.incidentops.executor.evidence.Evidence;
import io.incidentops.executor.evidence.EvidenceLog;
import io.incidentops.executor.incident.KnownIncident;
import io.incidentops.executor.mitigation.Mitigation;
import io.incidentops.executor.mitigation.MitigationService;
import io.incidentops.executor.mitigation.MitigationSettled;
import io.incidentops.executor.runbook.Runbook;
import io.incidentops.executor.runbook.StepAction;
import io.incidentops.executor.runbook.StepParameters;
import io.incidentops.platform.outbox.Outbox;
import io.incidentops.platform.transaction.Exists;
import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.incidentops.platform.tracing.TraceParents;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The step engine (seed step 5). A run is created once per incident; automated steps are PENDING until a worker runs
 * them, manual ones AWAITING_CONFIRMATION until a responder confirms them. Every step completion locks its run row,
 * so a step completes once and exactly one completion sees the last open step and finishes the run.
 */
@ApplicationScoped
@Transactional
public class RunbookRunService {

    public static final String OUTCOME_FAILED = "failed";

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    EvidenceLog evidence;

    @Inject
    ExecutorConfig config;

    @Inject
    MitigationService mitigations;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    MeterRegistry registry;

    /** A claimed automated step, to be run outside any transaction; {@code parameters} as the run copied them. */
    public record DueStep(UUID runId, int step, String action, String incidentId, String service, String runbook,
                          String title, StepParameters parameters, String traceparent) implements Traced {
    }

    /** Starts the run unless the incident has one; publishes runbook.started. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<RunbookRun> start(KnownIncident incident, Runbook runbook) {
        if (Exists.row(em, RunbookRun.class, "runbook_run", "incident_id", incident.id)) {
            return Optional.empty(); // the unique key guards replicas too
        }
        Instant now = Instant.now(clock);
        RunbookRun run = new RunbookRun();
        run.id = UUID.randomUUID();
        run.incidentId = incident.id;
        run.runbook = runbook.name();
        run.runbookVersion = runbook.version();
        run.runbookTitle = runbook.title();
        run.status = RunbookRun.Status.RUNNING;
        run.startedAt = now;
        run.keepsEvidence = runbook.keepsEvidence();
        em.persist(run);
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < runbook.steps().size(); i++) {
            Runbook.Step s = runbook.steps().get(i);
            RunStep step = new RunStep();
            step.runId = run.id;
            step.step = i + 1;
            step.title = s.title();
            step.kind = s.kind();
            step.action = s.action();
            step.status = s.automated() ? RunStep.Status.PENDING : RunStep.Status.AWAITING_CONFIRMATION;
            step.dueAt = s.automated() ? now : null;
            step.parameters = s.parameters().given().isEmpty() ? null : json(s.parameters());
            // a mitigation acts on production: it waits for every step before it (a responder's confirmations too)
            step.waitsForPrevious = s.automated() && StepAction.of(s.action()).flatMap(StepAction::mitigation).isPresent();
            step.traceparent = TraceParents.current(); // the run start's (the declaration): its steps are worked in it
            em.persist(step);
            titles.add(s.title());
        }
        outbox.publish(new RunbookStarted(incident.id, run.id.toString(), runbook.name(), runbook.version(), titles, now));
        if (run.keepsEvidence) {
            evidence.append(incident.id, EvidenceLog.RUN_STARTED, Evidence.of("incidentId", incident.id,
                    "service", incident.service, "severity", incident.severity, "title", incident.title,
                    "description", incident.description, "runbook", runbook.name(), "version", runbook.version(),
                    "steps", titles), Evidence.of("runId", run.id, "startedAt", now));
        }
        return Optional.of(run);
    }

    /**
     * Claims due automated steps of running runs, leasing them to this replica. A mitigation step is due only once
     * every step before it is DONE.
     */
    @SuppressWarnings("unchecked")
    public List<DueStep> claimDueSteps() {
        Instant now = Instant.now(clock);
        List<Object[]> rows = em.createNativeQuery("""
                        UPDATE runbook_run_step s SET due_at = :leaseUntil, started_at = :now
                        FROM runbook_run r, incident i
                        WHERE r.id = s.run_id AND i.id = r.incident_id
                          AND (s.run_id, s.step) IN (
                              SELECT s2.run_id, s2.step FROM runbook_run_step s2
                              JOIN runbook_run r2 ON r2.id = s2.run_id
                              WHERE s2.status = 'PENDING' AND s2.due_at <= :now AND r2.status = 'RUNNING'
                                AND (NOT s2.waits_for_previous OR NOT EXISTS (
                                    SELECT 1 FROM runbook_run_step p
                                    WHERE p.run_id = s2.run_id AND p.step < s2.step AND p.status <> 'DONE'))
                              ORDER BY s2.due_at, s2.step LIMIT :limit FOR UPDATE OF s2 SKIP LOCKED)
                        RETURNING s.run_id, s.step, s.action, r.incident_id, i.service, r.runbook, s.title, s.parameters,
                                  s.traceparent""")
                .setParameter("leaseUntil", now.plus(config.worker().lease()))
                .setParameter("now", now)
                .setParameter("limit", config.worker().batchSize())
                .getResultList();
        return rows.stream().map(r -> new DueStep(UUID.fromString(r[0].toString()), ((Number) r[1]).intValue(), (String) r[2],
                (String) r[3], (String) r[4], (String) r[5], (String) r[6], parameters((String) r[7]), (String) r[8]))
                .toList();
    }

    /**
     * Records the result of an automated step (once) and finishes the run when it was the last open step. A step whose
     * mitigation awaits approval is recorded as AWAITING_APPROVAL, not done; should the mitigation have been approved
     * and settled meanwhile, the step is done with its outcome.
     */
    public boolean completeAutomated(UUID runId, int stepNumber, String action, StepResult result) {
        StepResult outcome = result;
        if (result.awaitingApproval()) {
            // the mitigation's row first (as recording its outcome does): no deadlock with a settling approval
            Mitigation m = mitigations.lock(result.mitigationId());
            if (m.status == Mitigation.Status.APPLIED || m.status == Mitigation.Status.FAILED) {
                outcome = MitigationStep.settled(action, m.status, m.detail, result);
            }
        }
        RunbookRun run = em.find(RunbookRun.class, runId, LockModeType.PESSIMISTIC_WRITE);
        if (run == null || run.status != RunbookRun.Status.RUNNING) return false;
        RunStep step = em.find(RunStep.class, new RunStep.Key(runId, stepNumber));
        if (step == null || step.status != RunStep.Status.PENDING) return false;
        step.result = outcome.data() == null ? null : json(outcome.data());
        step.mitigationId = outcome.mitigationId();
        if (outcome.awaitingApproval()) {
            step.status = RunStep.Status.AWAITING_APPROVAL;
            step.outcome = outcome.outcome();
            step.detail = outcome.summary();
            step.dueAt = null;
            return true;
        }
        finish(run, step, outcome.outcome(), outcome.summary(), "runbook-executor");
        return true;
    }

    /**
     * The mitigation a step waits for was applied or failed (a commander approved it): the step is done with that
     * outcome, in the transaction that recorded it, and counted once that committed.
     */
    void onMitigationSettled(@Observes MitigationSettled settled) {
        RunStep step = RunStep.find("mitigationId = ?1 and status = ?2", settled.mitigationId(),
                RunStep.Status.AWAITING_APPROVAL).firstResult();
        if (step == null) return;
        RunbookRun run = em.find(RunbookRun.class, step.runId, LockModeType.PESSIMISTIC_WRITE);
        if (run.status != RunbookRun.Status.RUNNING) return;
        StepResult previous = new StepResult(step.outcome, step.detail, step.result == null ? null : tree(step.result),
                step.mitigationId);
        StepResult outcome = MitigationStep.settled(step.action, settled.status(), settled.detail(), previous);
        step.result = outcome.data() == null ? null : json(outcome.data());
        finish(run, step, outcome.outcome(), outcome.summary(), "runbook-executor");
        String action = step.action;
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                    registry.counter(AutomatedStepWorker.AUTOMATED_STEPS, "action", action, "outcome", outcome.outcome())
                            .increment();
                }
            }
        });
    }

    /** A responder confirms, skips or fails a manual step. 404 unknown run/step, 409 when it cannot be confirmed. */
    public RunView.StepView confirm(UUID runId, int stepNumber, String outcome, String note, String user) {
        RunbookRun run = em.find(RunbookRun.class, runId, LockModeType.PESSIMISTIC_WRITE);
        if (run == null) throw new ResourceNotFoundException("runbook run " + runId + " does not exist");
        RunStep step = em.find(RunStep.class, new RunStep.Key(runId, stepNumber));
        if (step == null) throw new ResourceNotFoundException("runbook run " + runId + " has no step " + stepNumber);
        if (step.status == RunStep.Status.DONE) {
            throw new ConflictException("step " + stepNumber + " is already completed (" + step.outcome + ")");
        }
        if (step.status != RunStep.Status.AWAITING_CONFIRMATION) {
            throw new ConflictException("step " + stepNumber + " is automated; the executor runs it");
        }
        if (run.status != RunbookRun.Status.RUNNING) {
            throw new ConflictException("runbook run " + runId + " is " + run.status.name().toLowerCase(Locale.ROOT));
        }
        finish(run, step, outcome, note, user);
        return RunView.StepView.of(step);
    }

    private void finish(RunbookRun run, RunStep step, String outcome, String detail, String by) {
        Instant now = Instant.now(clock);
        step.status = RunStep.Status.DONE;
        step.outcome = outcome;
        step.detail = detail;
        step.completedBy = by;
        step.completedAt = now;
        step.dueAt = null;
        em.flush();
        outbox.publish(new RunbookStepCompleted(run.incidentId, run.id.toString(), run.runbook, step.step, step.title,
                step.kind, outcome, detail, by, now));
        if (run.keepsEvidence) {
            evidence.append(run.incidentId, EvidenceLog.STEP_COMPLETED, Evidence.of("runId", run.id, "step", step.step,
                    "title", step.title, "kind", step.kind, "action", step.action, "parameters", step.parameters),
                    Evidence.of("outcome", outcome, "detail", detail, "result", step.result, "mitigationId",
                            step.mitigationId, "by", by, "completedAt", now));
        }
        List<RunStep> steps = steps(run.id);
        if (steps.stream().allMatch(s -> s.status == RunStep.Status.DONE)) {
            // automated "failed" is a finding (the service is down); a manual step a responder could not do fails the run
            boolean failed = steps.stream().anyMatch(s -> Runbook.MANUAL.equals(s.kind) && OUTCOME_FAILED.equals(s.outcome));
            run.status = failed ? RunbookRun.Status.FAILED : RunbookRun.Status.COMPLETED;
            run.completedAt = now;
            outbox.publish(new RunbookCompleted(run.incidentId, run.id.toString(), run.runbook,
                    failed ? "failed" : "completed", now));
        }
    }

    /** The incident was resolved with steps still open: the run is abandoned (announced once). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void abandon(String incidentId) {
        RunbookRun run = RunbookRun.find("incidentId", incidentId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (run == null || run.status != RunbookRun.Status.RUNNING) return;
        Instant now = Instant.now(clock);
        run.status = RunbookRun.Status.ABANDONED;
        run.completedAt = now;
        outbox.publish(new RunbookCompleted(incidentId, run.id.toString(), run.runbook, "abandoned", now));
    }

    /** The name of the runbook run for the incident, if one was started. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<String> runbookOf(String incidentId) {
        return RunbookRun.<RunbookRun>find("incidentId", incidentId).firstResultOptional().map(r -> r.runbook);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RunView> runsOf(String incidentId) {
        List<RunbookRun> runs = RunbookRun.list("incidentId = ?1 order by startedAt", incidentId);
        return runs.stream().map(r -> RunView.of(r, steps(r.id))).toList();
    }

    static String json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON", e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return EventCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("runbook step holds malformed JSON", e);
        }
    }

    private static StepParameters parameters(String json) {
        if (json == null) return new StepParameters(null, null, null, null, null, null, null, null);
        try {
            return EventCodec.mapper().readValue(json, StepParameters.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("runbook step holds malformed parameters", e);
        }
    }

    private List<RunStep> steps(UUID runId) {
        return RunStep.list("runId = ?1 order by step", runId);
    }
}
