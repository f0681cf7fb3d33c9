package io.incidentops.executor.recovery;

import io.incidentops.platform.worker.Traced;
import io.incidentops.events.executor.EscalationRequested;
import io.incidentops.events.executor.MitigationFailed;
import io.incidentops.events.executor.RecoveryFailed;
import io.incidentops.events.executor.RecoveryVerified;
import io.incidentops.events.model.MitigationAction;
import io.incidentops.executor.config.ExecutorConfig;
import io.incidentops.executor.health.HealthChecker;
import io.incidentops.executor.health.HealthResult;
import io.incidentops.executor.incident.KnownIncident;
import io.incidentops.platform.outbox.Outbox;
import io.incidentops.platform.tracing.TraceParents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Recovery verification (seed step 7). After a successful mitigation, or once every alert of the incident resolved
 * (incident.alerts-resolved), the service's health URL is checked every {@code check-interval}; once checks have
 * passed continuously for {@code stability-window}: recovery.verified. A failing check resets the streak. Past
 * {@code timeout} with the last check failing (or past timeout + window while flapping): recovery.failed +
 * escalation.requested. All state is in the {@link RecoveryVerification} row, so any replica (or a restarted one)
 * continues where the last check left off.
 * <p>
 * Starting a verification locks the incident's row, so a mitigation being applied and the alerts resolving never
 * both see "nothing in flight": a verification after the alerts resolved never runs next to another one of the same
 * incident.
 */
@ApplicationScoped
@Transactional
public class RecoveryService {

    private static final Logger LOG = Logger.getLogger(RecoveryService.class);

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    ExecutorConfig config;

    @Inject
    HealthChecker health;

    /** A check to make; {@code healthySince} and {@code service} tell the worker whether to judge the figures too. */
    public record DueCheck(UUID verificationId, String incidentId, String service, String healthUrl,
                           Instant healthySince, String traceparent) implements Traced {

        /** This check would complete the stability window if it passes: the figures must be judged with it. */
        public boolean completesWindow(Instant now, Duration window) {
            return healthySince != null && !now.isBefore(healthySince.plus(window));
        }
    }

    /**
     * A mitigation was applied: verify the health of its target, else of the incident's service; without either
     * URL the verification is UNVERIFIABLE (no event, a responder resolves). It takes over from a verification
     * that followed the incident's alerts resolving: the incident's recovery is verified once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public RecoveryVerification afterMitigation(UUID mitigationId, String incidentId, MitigationAction action,
                                                String target, String requestedBy) {
        KnownIncident incident = em.find(KnownIncident.class, incidentId, LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instant.now(clock);
        RecoveryVerification v = create(incidentId, action.name() + " of " + target, now);
        v.mitigationId = mitigationId;
        v.action = action.name();
        v.target = target;
        v.requestedBy = requestedBy;
        Optional<String> url = health.healthUrl(target).or(() -> health.healthUrl(incident.service));
        if (url.isPresent()) {
            start(v, url.get(), now);
            cancelAfterAlerts(incidentId, "superseded by the verification after mitigation " + mitigationId
                    + " (" + v.follows + ")");
        } else {
            v.state = RecoveryVerification.State.UNVERIFIABLE;
            v.detail = "no health URL configured for " + incident.service
                    + ": recovery cannot be verified automatically; a responder resolves the incident";
        }
        em.persist(v);
        return v;
    }

    /**
     * Every alert of the incident resolved (incident.alerts-resolved): verify the health of the incident's service
     * as after a mitigation. Once per alerts-resolved (its incident and time are the natural key: every one handled
     * leaves a row, started or not), and not while another verification of the incident is in flight (a
     * mitigation's, typically). Without a health URL nothing is verified or announced: the incident waits in
     * MONITORING for a commander.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void afterAlertsResolved(String incidentId, int alerts, Instant resolvedAt) {
        KnownIncident incident = em.find(KnownIncident.class, incidentId, LockModeType.PESSIMISTIC_WRITE);
        if (incident == null) {
            LOG.infof("alerts of %s resolved: incident not known to the executor, no recovery to verify", incidentId);
            return;
        }
        Instant at = resolvedAt.truncatedTo(ChronoUnit.MICROS); // as stored: the natural key must compare equal
        if (RecoveryVerification.count("incidentId = ?1 and alertsResolvedAt = ?2", incidentId, at) > 0) {
            LOG.debugf("alerts of %s resolved at %s: already handled", incidentId, at);
            return;
        }
        Instant now = Instant.now(clock);
        RecoveryVerification v = create(incidentId, alertsPhrase(alerts) + " resolved at " + at, now);
        v.alertsResolvedAt = at;
        Optional<RecoveryVerification> inFlight = RecoveryVerification.<RecoveryVerification>find(
                "incidentId = ?1 and state = ?2", incidentId, RecoveryVerification.State.VERIFYING).firstResultOptional();
        Optional<String> url = health.healthUrl(incident.service);
        if (incident.resolvedAt != null) {
            notStarted(v, "not started: the incident is already resolved");
        } else if (inFlight.isPresent()) {
            notStarted(v, "not started: recovery is already being verified after " + inFlight.get().follows);
        } else if (url.isPresent()) {
            start(v, url.get(), now);
        } else {
            v.state = RecoveryVerification.State.UNVERIFIABLE;
            v.detail = (incident.service == null ? "the incident names no service"
                    : "no health URL configured for " + incident.service)
                    + ": recovery cannot be verified automatically; the incident waits in MONITORING for a commander";
            LOG.infof("alerts of %s resolved, recovery not verified and nothing announced: %s (set "
                    + "incidentops.executor.services.\"<service>\".health-url)", incidentId, v.detail);
        }
        em.persist(v);
    }

    /** Claims verifications due for a check and schedules their next one (the schedule doubles as a lease). */
    @SuppressWarnings("unchecked")
    public List<DueCheck> claimDue() {
        Instant now = Instant.now(clock);
        List<Object[]> rows = em.createNativeQuery("""
                        UPDATE recovery_verification SET next_check_at = :next
                        WHERE id IN (SELECT id FROM recovery_verification
                                     WHERE state = 'VERIFYING' AND next_check_at <= :now
                                     ORDER BY next_check_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING id, incident_id, health_url, healthy_since,
                                  (SELECT service FROM incident WHERE incident.id = incident_id), traceparent""")
                .setParameter("next", now.plus(config.recovery().checkInterval()))
                .setParameter("now", now)
                .setParameter("limit", config.worker().batchSize())
                .getResultList();
        return rows.stream().map(r -> new DueCheck(UUID.fromString(r[0].toString()), (String) r[1], (String) r[4],
                (String) r[2], r[3] == null ? null : instant(r[3]), (String) r[5])).toList();
    }

    /**
     * Records one check made at {@code now}; verifies or fails recovery when the rules say so (each announced once).
     * When figures apply ({@code effect} not {@link Effect#NONE}), health alone never verifies: the check that
     * completes the window must come with a verdict on the window's error rate and latency, and a verdict that they
     * did not recover keeps the verification going until the timeout, then fails it with the figures.
     */
    public void record(UUID verificationId, HealthResult result, Instant now, Effect effect) {
        RecoveryVerification v = em.find(RecoveryVerification.class, verificationId, LockModeType.PESSIMISTIC_WRITE);
        if (v == null || v.state != RecoveryVerification.State.VERIFYING) return;
        Duration window = config.recovery().stabilityWindow();
        v.lastCheckAt = now;
        v.lastCheckDetail = result.detail();
        if (effect.verdict() != null) v.effect = effect.verdict().figures();
        if (result.up()) {
            v.checksPassed++;
            if (v.healthySince == null) v.healthySince = now;
            Duration stableFor = Duration.between(v.healthySince, now);
            if (stableFor.compareTo(window) >= 0 && effect.applies() && (effect.verdict() == null || !effect.verdict().recovered())) {
                if (effect.verdict() != null && !now.isBefore(v.deadline)) {
                    failEffect(v, now, "error rate or latency not back to normal over the last " + human(window)
                            + ", " + human(config.recovery().timeout()) + " after " + (v.followsAlerts()
                            ? "the alerts resolved" : "the mitigation") + ": " + effect.verdict().figures());
                }
                // else: judged at the next check (the window was not complete when the worker looked)
            } else if (stableFor.compareTo(window) >= 0) {
                v.state = RecoveryVerification.State.VERIFIED;
                v.completedAt = now;
                v.detail = "health checks passed continuously for " + human(stableFor);
                String checks = "GET " + v.healthUrl + " returned 2xx on every check every "
                        + human(config.recovery().checkInterval()) + " for " + human(stableFor) + " ("
                        + v.checksPassed + " passing, " + v.checksFailed + " failing in total)"
                        + (effect.verdict() == null ? "" : "; over the last " + human(window) + ": "
                        + effect.verdict().figures());
                outbox.publish(new RecoveryVerified(v.incidentId, mitigationId(v),
                        v.followsAlerts() ? "Recovery after " + v.follows + ": " + checks : checks, stableFor, now));
            } else if (now.isAfter(v.deadline.plus(window))) {
                fail(v, now, "health kept flapping: not stable for " + human(window) + " within "
                        + human(config.recovery().timeout().plus(window)));
            }
        } else {
            v.checksFailed++;
            v.healthySince = null;
            if (!now.isBefore(v.deadline)) {
                fail(v, now, "health check still failing " + human(config.recovery().timeout()) + " after "
                        + (v.followsAlerts() ? "the alerts resolved" : "the mitigation") + ": " + result.detail());
            }
        }
    }

    /** The incident was resolved (e.g. by hand): stop checking, announce nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancel(String incidentId) {
        RecoveryVerification.update("state = ?1, detail = ?2 where incidentId = ?3 and state = ?4",
                RecoveryVerification.State.CANCELLED, "incident resolved before recovery was verified", incidentId,
                RecoveryVerification.State.VERIFYING);
    }

    /**
     * The incident no longer waits in MONITORING for its recovery (reopened, an alert fires again): the verification
     * that followed its alerts resolving stops, announcing nothing. Verifications after a mitigation go on.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cancelAfterAlerts(String incidentId, String reason) {
        int cancelled = RecoveryVerification.update(
                "state = ?1, detail = ?2 where incidentId = ?3 and state = ?4 and mitigationId is null",
                RecoveryVerification.State.CANCELLED, reason, incidentId, RecoveryVerification.State.VERIFYING);
        if (cancelled > 0) {
            LOG.infof("recovery verification of %s after its alerts resolved cancelled: %s", incidentId, reason);
        }
    }

    /** The verification that follows each of these mitigations (a mitigation not applied has none). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<UUID, RecoveryVerification> ofMitigations(List<UUID> mitigationIds) {
        if (mitigationIds.isEmpty()) return Map.of();
        List<RecoveryVerification> found = RecoveryVerification.list("mitigationId in ?1", mitigationIds);
        return found.stream().collect(Collectors.toMap(v -> v.mitigationId, Function.identity()));
    }

    private RecoveryVerification create(String incidentId, String follows, Instant now) {
        RecoveryVerification v = new RecoveryVerification();
        v.id = UUID.randomUUID();
        v.incidentId = incidentId;
        v.follows = follows;
        v.startedAt = now;
        v.traceparent = TraceParents.current(); // what started it: every check, and its verdict's event, continue it
        return v;
    }

    private static void notStarted(RecoveryVerification v, String why) {
        v.state = RecoveryVerification.State.CANCELLED;
        v.completedAt = v.startedAt;
        v.detail = why;
        LOG.infof("alerts of %s resolved, recovery not verified for them: %s", v.incidentId, why);
    }

    private void start(RecoveryVerification v, String healthUrl, Instant now) {
        v.state = RecoveryVerification.State.VERIFYING;
        v.healthUrl = healthUrl;
        v.nextCheckAt = now;
        v.deadline = now.plus(config.recovery().timeout());
    }

    /**
     * The service answers but its figures did not recover: after a mitigation that is the mitigation failing
     * (mitigation.failed with the figures: intake takes the incident back to investigating), and recovery failing.
     */
    private void failEffect(RecoveryVerification v, Instant now, String reason) {
        if (!v.followsAlerts()) {
            outbox.publish(new MitigationFailed(v.incidentId, mitigationId(v), action(v), v.target, reason,
                    v.requestedBy, now));
        }
        fail(v, now, reason);
    }

    private static MitigationAction action(RecoveryVerification v) {
        try {
            return v.action == null ? null : MitigationAction.valueOf(v.action);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) return i;
        if (value instanceof java.sql.Timestamp t) return t.toInstant();
        if (value instanceof java.time.OffsetDateTime o) return o.toInstant();
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    private void fail(RecoveryVerification v, Instant now, String reason) {
        v.state = RecoveryVerification.State.FAILED;
        v.completedAt = now;
        v.detail = reason;
        outbox.publish(new RecoveryFailed(v.incidentId, mitigationId(v), reason, now));
        outbox.publish(new EscalationRequested(v.incidentId, "Recovery after " + v.follows + " not verified ("
                + reason + "): " + (v.followsAlerts()
                ? "the alerts resolved but the service is not healthy; investigate"
                : "try a different runbook or mitigation"), now));
    }

    private static String mitigationId(RecoveryVerification v) {
        return v.mitigationId == null ? null : v.mitigationId.toString();
    }

    private static String alertsPhrase(int alerts) {
        if (alerts == 1) return "its only alert";
        return alerts > 1 ? "all " + alerts + " alerts" : "every alert";
    }

    static String human(Duration d) {
        if (d.toMillis() < 60_000) return (d.toMillis() / 1000.0 == Math.floor(d.toMillis() / 1000.0)
                ? Long.toString(d.toSeconds()) : String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0)) + " s";
        long minutes = d.toMinutes();
        long seconds = d.toSecondsPart();
        return seconds == 0 ? minutes + " min" : minutes + " min " + seconds + " s";
    }
}
