package io.incidentops.executor.mitigation;

import io.incidentops.executor.config.ExecutorConfig;
import io.incidentops.platform.transaction.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Closes a mitigation left REQUESTED: the executor stopped between recording the attempt and recording its outcome,
 * so nobody will. Once {@code mitigations.requested-timeout} has passed since it became REQUESTED (requested, or
 * approved), it is FAILED with a reason saying the action may or may not have been applied, through the same path as
 * any failed action ({@code mitigation.failed}, {@code escalation.requested}, a waiting step settled); a step claimed
 * again then takes that outcome instead of waiting for one. Replicas take turns on each row
 * ({@code FOR UPDATE SKIP LOCKED}), and {@link MitigationService#failed} changes only a row still REQUESTED.
 */
@Startup // a timeout shorter than one webhook attempt must stop the start, not close attempts in flight
@ApplicationScoped
public class UnsettledMitigations {

    private static final Logger LOG = Logger.getLogger(UnsettledMitigations.class);
    private static final int BATCH = 50;

    @Inject
    EntityManager em;

    @Inject
    MitigationService mitigations;

    @Inject
    ExecutorConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @Inject
    AfterCommit afterCommit;

    @PostConstruct
    void init() {
        Duration webhookAttempt = config.mitigations().timeout().multipliedBy(2); // connect + response
        if (config.mitigations().requestedTimeout().compareTo(webhookAttempt) <= 0) {
            throw new IllegalStateException("incidentops.executor.mitigations.requested-timeout ("
                    + config.mitigations().requestedTimeout() + ") must be longer than one webhook attempt can take ("
                    + webhookAttempt + ": twice mitigations.timeout)");
        }
    }

    @Scheduled(every = "${incidentops.executor.worker.poll-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        closeTimedOut();
    }

    /** @return the mitigations closed as failed now */
    @Transactional
    public List<UUID> closeTimedOut() {
        Duration timeout = config.mitigations().requestedTimeout();
        @SuppressWarnings("unchecked")
        List<UUID> due = em.createNativeQuery("""
                        SELECT id FROM mitigation
                        WHERE status = 'REQUESTED' AND COALESCE(approved_at, requested_at) < :cutoff
                        ORDER BY COALESCE(approved_at, requested_at)
                        LIMIT :batch FOR UPDATE SKIP LOCKED""", UUID.class)
                .setParameter("cutoff", Instant.now(clock).minus(timeout))
                .setParameter("batch", BATCH)
                .getResultList();
        String reason = reason(timeout);
        for (UUID id : due) {
            Mitigation m = mitigations.failed(id, reason, null);
            LOG.warnf("incident %s: mitigation %s (%s of %s) closed as failed: %s", m.incidentId, m.id, m.action,
                    m.target, reason);
            counted(m);
        }
        return due;
    }

    static String reason(Duration timeout) {
        String within = timeout.toSecondsPart() == 0 ? timeout.toMinutes() + " min" : timeout.toSeconds() + " s";
        return "no outcome recorded within " + within + ", the action may or may not have been applied: check the target";
    }

    private void counted(Mitigation m) {
        String action = m.action.name();
        afterCommit.run(() -> registry.counter(MitigationApplier.MITIGATIONS, "action", action, "outcome", "timed-out")
                .increment());
    }
}
