package io.incidentops.executor.run;

import io.incidentops.platform.worker.ClaimWorker;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** Runs claimed automated steps: the check outside any transaction, the result and its event in one. */
@ApplicationScoped
public class AutomatedStepWorker extends ClaimWorker<RunbookRunService.DueStep> {

    static final String AUTOMATED_STEPS = "incidentops.executor.automated_steps";

    @Inject
    RunbookRunService runs;

    @Inject
    AutomatedStepRunner runner;

    @Inject
    MeterRegistry registry;

    @Scheduled(every = "${incidentops.executor.worker.poll-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        runOnce();
    }

    @Override
    protected List<RunbookRunService.DueStep> claim() {
        return runs.claimDueSteps();
    }

    @Override
    protected void work(RunbookRunService.DueStep step) {
        StepResult result = runner.run(step);
        // completeAutomated is its own transaction: counted once it committed, and only by the completion that won
        // (a step awaiting approval is counted so, and once more with the outcome its mitigation settles on)
        if (runs.completeAutomated(step.runId(), step.step(), step.action(), result)) {
            registry.counter(AUTOMATED_STEPS, "action", step.action(), "outcome", result.outcome()).increment();
        }
    }

    @Override
    protected String describe(RunbookRunService.DueStep step) {
        return "automated step " + step.step() + " of run " + step.runId();
    }


    @Override
    protected String spanName() {
        return "automated step";
    }
}
