package io.incidentops.intake.oncall.escalation;

import io.incidentops.platform.worker.Traced;
import io.incidentops.intake.oncall.OncallConfig;
import io.incidentops.platform.worker.ClaimWorker;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

/**
 * The escalation timers (the platform's claim loop): due steps are claimed with {@code FOR UPDATE SKIP LOCKED} under a
 * lease (replicas share them, a replica that dies leaves them to the lease) and each is fired in its own transaction.
 */
@ApplicationScoped
public class EscalationWorker extends ClaimWorker<EscalationWorker.Claimed> {

    /** A claimed step, with the trace of the work that scheduled it. */
    public record Claimed(UUID id, String incidentId, String traceparent) implements Traced {
    }

    @Inject
    StepFiring firing;

    @Inject
    OncallConfig config;

    @Scheduled(identity = "escalation-steps", every = "${incidentops.oncall.escalation.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void fireDue() {
        runOnce();
    }

    @Override
    protected List<Claimed> claim() {
        return firing.claimDue(config.escalation().batchSize(), config.escalation().lease());
    }

    @Override
    protected void work(Claimed c) {
        firing.fire(c.id(), c.incidentId());
    }


    @Override
    protected String spanName() {
        return "escalation step";
    }

    @Override
    protected String describe(Claimed c) {
        return "escalation step " + c.id() + " of " + c.incidentId();
    }
}
