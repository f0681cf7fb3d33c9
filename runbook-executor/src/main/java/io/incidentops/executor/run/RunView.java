package io.incidentops.executor.run;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A run as the API shows it. */
public record RunView(UUID runId, String incidentId, String runbook, String runbookVersion, String title,
                      RunbookRun.Status status, Instant startedAt, Instant completedAt, List<StepView> steps) {

    /**
     * {@code detail}: the automated step's summary or the responder's note; {@code result}: what the automated step
     * found (the reading with its query and link, the changes, the statuses, the mitigation); {@code mitigationId}: the
     * mitigation a rollback/restart/scale/isolate step requested; {@code startedAt}: when the executor took it up.
     */
    public record StepView(int step, String title, String kind, String action, JsonNode parameters,
                           RunStep.Status status, String outcome, String detail, JsonNode result, UUID mitigationId,
                           Instant startedAt, String completedBy, Instant completedAt) {
        static StepView of(RunStep s) {
            return new StepView(s.step, s.title, s.kind, s.action,
                    s.parameters == null ? null : RunbookRunService.tree(s.parameters), s.status, s.outcome, s.detail,
                    s.result == null ? null : RunbookRunService.tree(s.result), s.mitigationId, s.startedAt,
                    s.completedBy, s.completedAt);
        }
    }

    static RunView of(RunbookRun run, List<RunStep> steps) {
        return new RunView(run.id, run.incidentId, run.runbook, run.runbookVersion, run.runbookTitle, run.status,
                run.startedAt, run.completedAt, steps.stream().map(StepView::of).toList());
    }
}
