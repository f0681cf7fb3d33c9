package io.incidentops.executor.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Runs claimed automated steps: the check outside any transaction, the result and its event in one. */
@ApplicationScoped
public class AutomatedStepWorker {

    private static final Logger LOG = Logger.getLogger(AutomatedStepWorker.class);

    @Inject
    RunbookRunService runs;

    @Inject
    AutomatedStepRunner runner;

    @Inject
    MeterRegistry registry;

    @Scheduled(every = "${incidentops.executor.worker.poll-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        for (RunbookRunService.DueStep step : runs.claimDueSteps()) {
            try {
                AutomatedStepRunner.Result result = runner.run(step);
                if (runs.completeAutomated(step.runId(), step.step(), result.outcome(), result.detail())) {
                    registry.counter("incidentops_executor_automated_steps_total", "action", step.action(),
                            "outcome", result.outcome()).increment();
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "automated step %d of run %s failed, will retry", step.step(), step.runId());
            }
        }
    }
}
