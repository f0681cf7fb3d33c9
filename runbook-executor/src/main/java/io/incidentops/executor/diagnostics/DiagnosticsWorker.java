package io.incidentops.executor.diagnostics;

import io.incidentops.platform.worker.ClaimWorker;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** Collects owed diagnostics; any number of replicas may run it (claims skip rows another one holds). */
@ApplicationScoped
public class DiagnosticsWorker extends ClaimWorker<String> {

    @Inject
    DiagnosticsService diagnostics;

    @Scheduled(every = "${incidentops.executor.worker.poll-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        runOnce();
    }

    /** Incident IDs whose diagnostics are due. */
    @Override
    protected List<String> claim() {
        return diagnostics.claimDue();
    }

    @Override
    protected void work(String incidentId) {
        diagnostics.complete(incidentId, diagnostics.collect(incidentId));
    }

    @Override
    protected String describe(String incidentId) {
        return "diagnostics for " + incidentId;
    }
}
