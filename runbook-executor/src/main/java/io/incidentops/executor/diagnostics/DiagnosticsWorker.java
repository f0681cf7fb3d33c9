package io.incidentops.executor.diagnostics;

import io.incidentops.platform.worker.ClaimWorker;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Collects owed diagnostics, then refreshes them while the incident is open; any number of replicas may run it
 * (claims skip rows another one holds).
 */
@ApplicationScoped
public class DiagnosticsWorker extends ClaimWorker<DiagnosticsService.Due> {

    static final String REFRESHES = "incidentops.executor.diagnostics_refreshes";

    @Inject
    DiagnosticsService diagnostics;

    @Inject
    MeterRegistry registry;

    @Scheduled(every = "${incidentops.executor.worker.poll-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        runOnce();
    }

    /** Incidents whose diagnostics (or their refresh) are due. */
    @Override
    protected List<DiagnosticsService.Due> claim() {
        return diagnostics.claimDue();
    }

    @Override
    protected void work(DiagnosticsService.Due due) {
        String incidentId = due.incidentId();
        DiagnosticsService.Findings findings = diagnostics.collect(incidentId);
        if (diagnostics.complete(incidentId, findings)) return;
        diagnostics.refresh(incidentId, findings).ifPresent(changed ->
                registry.counter(REFRESHES, "changed", changed.toString()).increment()); // after its commit
    }

    @Override
    protected String describe(DiagnosticsService.Due due) {
        return "diagnostics for " + due.incidentId();
    }


    @Override
    protected String spanName() {
        return "diagnostics";
    }
}
