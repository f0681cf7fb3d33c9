package io.incidentops.executor.diagnostics;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Collects owed diagnostics; any number of replicas may run it (claims skip rows another one holds). */
@ApplicationScoped
public class DiagnosticsWorker {

    private static final Logger LOG = Logger.getLogger(DiagnosticsWorker.class);

    @Inject
    DiagnosticsService diagnostics;

    @Scheduled(every = "${incidentops.executor.worker.poll-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        for (String incidentId : diagnostics.claimDue()) {
            try {
                diagnostics.complete(incidentId, diagnostics.collect(incidentId));
            } catch (RuntimeException e) {
                // the lease runs out and a later round (here or on another replica) tries again
                LOG.warnf(e, "diagnostics for %s failed, will retry", incidentId);
            }
        }
    }
}
