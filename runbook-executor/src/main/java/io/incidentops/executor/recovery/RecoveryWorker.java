package io.incidentops.executor.recovery;

import io.incidentops.executor.health.HealthChecker;
import io.incidentops.platform.worker.ClaimWorker;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Runs due recovery checks, whatever the verification follows (a mitigation or the alerts resolving): claim (one
 * replica per verification), GET outside any transaction, record.
 */
@ApplicationScoped
public class RecoveryWorker extends ClaimWorker<RecoveryService.DueCheck> {

    @Inject
    RecoveryService recovery;

    @Inject
    HealthChecker health;

    @Scheduled(every = "${incidentops.executor.worker.poll-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        runOnce();
    }

    @Override
    protected List<RecoveryService.DueCheck> claim() {
        return recovery.claimDue();
    }

    @Override
    protected void work(RecoveryService.DueCheck check) {
        recovery.record(check.verificationId(), health.check(check.healthUrl()));
    }

    /** Names the verification and its incident, not the health URL (it may carry credentials). */
    @Override
    protected String describe(RecoveryService.DueCheck check) {
        return "recovery check " + check.verificationId() + " of incident " + check.incidentId();
    }
}
