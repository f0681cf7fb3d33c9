package io.incidentops.executor.recovery;

import io.incidentops.events.executor.EscalationRequested;
import io.incidentops.events.executor.RecoveryFailed;
import io.incidentops.events.executor.RecoveryVerified;
import io.incidentops.executor.config.ExecutorConfig;
import io.incidentops.executor.health.HealthResult;
import io.incidentops.executor.mitigation.Mitigation;
import io.incidentops.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Recovery verification (seed step 7). After a successful mitigation the service's health URL is checked every
 * {@code check-interval}; once checks have passed continuously for {@code stability-window}: recovery.verified.
 * A failing check resets the streak. Past {@code timeout} with the last check failing (or past timeout + window
 * while flapping): recovery.failed + escalation.requested. All state is in the mitigation row, so any replica
 * (or a restarted one) continues where the last check left off.
 */
@ApplicationScoped
@Transactional
public class RecoveryService {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    ExecutorConfig config;

    public record DueCheck(UUID mitigationId, String healthUrl) {
    }

    /** Claims mitigations due for a check and schedules their next one (the schedule doubles as a lease). */
    @SuppressWarnings("unchecked")
    public List<DueCheck> claimDue() {
        Instant now = Instant.now(clock);
        List<Object[]> rows = em.createNativeQuery("""
                        UPDATE mitigation SET next_check_at = :next
                        WHERE id IN (SELECT id FROM mitigation
                                     WHERE recovery_state = 'VERIFYING' AND next_check_at <= :now
                                     ORDER BY next_check_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING id, health_url""")
                .setParameter("next", now.plus(config.recovery().checkInterval()))
                .setParameter("now", now)
                .setParameter("limit", config.worker().batchSize())
                .getResultList();
        return rows.stream().map(r -> new DueCheck(UUID.fromString(r[0].toString()), (String) r[1])).toList();
    }

    /** Records one check; verifies or fails recovery when the rules say so (each announced once). */
    public void record(UUID mitigationId, HealthResult result) {
        Mitigation m = em.find(Mitigation.class, mitigationId, LockModeType.PESSIMISTIC_WRITE);
        if (m == null || m.recoveryState != Mitigation.RecoveryState.VERIFYING) return;
        Instant now = Instant.now(clock);
        Duration window = config.recovery().stabilityWindow();
        m.lastCheckAt = now;
        m.lastCheckDetail = result.detail();
        if (result.up()) {
            m.checksPassed++;
            if (m.healthySince == null) m.healthySince = now;
            Duration stableFor = Duration.between(m.healthySince, now);
            if (stableFor.compareTo(window) >= 0) {
                m.recoveryState = Mitigation.RecoveryState.VERIFIED;
                m.recoveryCompletedAt = now;
                m.recoveryDetail = "health checks passed continuously for " + human(stableFor);
                outbox.publish(new RecoveryVerified(m.incidentId, m.id.toString(), "GET " + m.healthUrl
                        + " returned 2xx on every check every " + human(config.recovery().checkInterval()) + " for "
                        + human(stableFor) + " (" + m.checksPassed + " passing, " + m.checksFailed + " failing in total)",
                        stableFor, now));
            } else if (now.isAfter(m.recoveryDeadline.plus(window))) {
                fail(m, now, "health kept flapping: not stable for " + human(window) + " within "
                        + human(config.recovery().timeout().plus(window)));
            }
        } else {
            m.checksFailed++;
            m.healthySince = null;
            if (!now.isBefore(m.recoveryDeadline)) {
                fail(m, now, "health check still failing " + human(config.recovery().timeout())
                        + " after the mitigation: " + result.detail());
            }
        }
    }

    /** The incident was resolved (e.g. by hand): stop checking, announce nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancel(String incidentId) {
        Mitigation.update("recoveryState = ?1, recoveryDetail = ?2 where incidentId = ?3 and recoveryState = ?4",
                Mitigation.RecoveryState.CANCELLED, "incident resolved before recovery was verified", incidentId,
                Mitigation.RecoveryState.VERIFYING);
    }

    private void fail(Mitigation m, Instant now, String reason) {
        m.recoveryState = Mitigation.RecoveryState.FAILED;
        m.recoveryCompletedAt = now;
        m.recoveryDetail = reason;
        outbox.publish(new RecoveryFailed(m.incidentId, m.id.toString(), reason, now));
        outbox.publish(new EscalationRequested(m.incidentId, "Recovery after " + m.action + " of " + m.target
                + " not verified (" + reason + "): try a different runbook or mitigation", now));
    }

    static String human(Duration d) {
        if (d.toMillis() < 60_000) return (d.toMillis() / 1000.0 == Math.floor(d.toMillis() / 1000.0)
                ? Long.toString(d.toSeconds()) : String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0)) + " s";
        long minutes = d.toMinutes();
        long seconds = d.toSecondsPart();
        return seconds == 0 ? minutes + " min" : minutes + " min " + seconds + " s";
    }
}
