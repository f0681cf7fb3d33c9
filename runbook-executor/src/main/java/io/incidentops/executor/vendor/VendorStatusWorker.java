package io.incidentops.executor.vendor;

import io.incidentops.platform.worker.ClaimWorker;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Reads the status pages that are due, one claim per dependency whatever the number of replicas. Its rows are made from
 * configuration at start and belong to no incident: there is no trace to continue, so a reading is worked in none.
 */
@ApplicationScoped
public class VendorStatusWorker extends ClaimWorker<VendorStatusService.Key> {

    @Inject
    VendorStatusService vendors;

    @Scheduled(every = "${incidentops.executor.worker.poll-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        runOnce();
    }

    @Override
    protected List<VendorStatusService.Key> claim() {
        return vendors.claimDue();
    }

    @Override
    protected void work(VendorStatusService.Key key) {
        vendors.read(key).ifPresentOrElse(reading -> vendors.store(key.service(), reading.join()),
                () -> vendors.forget(key));
    }

    @Override
    protected String describe(VendorStatusService.Key key) {
        return "status page of " + key.dependency() + " (dependency of " + key.service() + ")";
    }
}
