package io.incidentops.executor.recovery;

import io.incidentops.executor.health.HealthChecker;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Runs due recovery checks: claim (one replica per mitigation), GET outside any transaction, record. */
@ApplicationScoped
public class RecoveryWorker {

    private static final Logger LOG = Logger.getLogger(RecoveryWorker.class);

    @Inject
    RecoveryService recovery;

    @Inject
    HealthChecker health;

    @Scheduled(every = "${incidentops.executor.worker.poll-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        for (RecoveryService.DueCheck check : recovery.claimDue()) {
            try {
                recovery.record(check.mitigationId(), health.check(check.healthUrl()));
            } catch (RuntimeException e) {
                LOG.warnf(e, "recovery check of mitigation %s failed, will retry", check.mitigationId());
            }
        }
    }
}
