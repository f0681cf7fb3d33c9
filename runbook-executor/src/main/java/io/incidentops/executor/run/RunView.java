package io.incidentops.executor.run;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A run as the API shows it. */
public record RunView(UUID runId, String incidentId, String runbook, String runbookVersion, String title,
                      RunbookRun.Status status, Instant startedAt, Instant completedAt, List<StepView> steps) {

    public record StepView(int step, String title, String kind, String action, RunStep.Status status, String outcome,
                           String detail, String completedBy, Instant completedAt) {
        static StepView of(RunStep s) {
            return new StepView(s.step, s.title, s.kind, s.action, s.status, s.outcome, s.detail, s.completedBy,
                    s.completedAt);
        }
    }

    static RunView of(RunbookRun run, List<RunStep> steps) {
        return new RunView(run.id, run.incidentId, run.runbook, run.runbookVersion, run.runbookTitle, run.status,
                run.startedAt, run.completedAt, steps.stream().map(StepView::of).toList());
    }
}
