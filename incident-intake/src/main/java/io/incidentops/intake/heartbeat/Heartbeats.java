package io.incidentops.intake.heartbeat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Heartbeats and their state. A ping is one UPDATE; expiry is claimed by the {@link HeartbeatExpiry} worker, which
 * marks a heartbeat expired in the claiming statement (so one replica raises its alert) and clears the notice once
 * the alert is durable.
 */
@ApplicationScoped
@Transactional
public class Heartbeats {

    /** A notice to send: the alert of an expiry, or the resolved notice of a heartbeat that came back. */
    public record Notice(String heartbeat, String kind) {
        public static final String EXPIRED = "expired";
        public static final String RESOLVED = "resolved";
    }

    /** The heartbeat's interval added to a timestamp, in SQL (a day is 24 hours, as {@link Heartbeat#period()}). */
    private static final String ONE_INTERVAL_AFTER_NOW = "CAST(:now AS timestamptz) + interval_count * CASE interval_unit"
            + " WHEN 'minutes' THEN INTERVAL '1 minute' WHEN 'hours' THEN INTERVAL '1 hour' ELSE INTERVAL '24 hours' END";

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    HeartbeatExpiry expiry;

    /** A new heartbeat, its first interval from now; empty when the name is taken. */
    public Optional<Heartbeat> create(String name, HeartbeatSettings settings) {
        if (em.find(Heartbeat.class, name) != null) return Optional.empty();
        Heartbeat h = new Heartbeat();
        h.name = name;
        h.createdAt = Instant.now(clock);
        h.intervalUnit = settings.intervalUnit();
        h.interval = settings.interval();
        h.enabled = false;
        h.alertPriority = "P3";
        apply(h, settings);
        h.expiresAt = h.createdAt.plus(h.period());
        em.persist(h);
        return Optional.of(h);
    }

    /** Changes the given settings; a new interval counts from the last ping (or from now, never pinged). */
    public Optional<Heartbeat> update(String name, HeartbeatSettings settings) {
        return locked(name).map(h -> {
            Duration before = h.period();
            boolean wasEnabled = h.enabled;
            apply(h, settings);
            if (!h.period().equals(before)) h.expiresAt = (h.lastPingAt != null ? h.lastPingAt : Instant.now(clock)).plus(h.period());
            if (h.enabled && !wasEnabled) h.expiresAt = Instant.now(clock).plus(h.period());
            return h;
        });
    }

    /** Enabling starts a new interval from now; disabling stops expiry (an alert already raised stays until a ping). */
    public Optional<Heartbeat> enable(String name, boolean enabled) {
        return update(name, new HeartbeatSettings(null, null, null, enabled, null, null, null, null));
    }

    public boolean delete(String name) {
        return em.createQuery("delete from Heartbeat where name = :name").setParameter("name", name).executeUpdate() > 0;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Heartbeat> find(String name) {
        return Optional.ofNullable(em.find(Heartbeat.class, name));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Heartbeat> list() {
        return em.createQuery("from Heartbeat order by name", Heartbeat.class).getResultList();
    }

    /**
     * The hot path, one statement: the next expiry one interval from now and, when it had expired, a resolved notice
     * to send (the right-hand sides read the row as it was). False for an unknown name.
     */
    public boolean ping(String name) {
        List<?> notices = em.createNativeQuery("UPDATE heartbeat SET last_ping_at = :now, expires_at = "
                        + ONE_INTERVAL_AFTER_NOW + ", notice = CASE WHEN expired THEN 'resolved' ELSE notice END,"
                        + " expired = FALSE WHERE name = :name RETURNING notice")
                .setParameter("now", Instant.now(clock))
                .setParameter("name", name)
                .getResultList();
        if (notices.isEmpty()) return false;
        if (notices.get(0) != null) expiry.wakeUpAfterCommit();
        return true;
    }

    /**
     * Claims up to {@code batchSize} heartbeats with a notice to send, under a lease: enabled ones past their expiry
     * are marked expired with an {@code expired} notice in this same statement; notices left by a replica that died
     * are taken again once their lease ran out. {@code SKIP LOCKED}: replicas claim different rows.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Notice> claim(int batchSize, Duration lease) {
        Instant now = Instant.now(clock);
        List<Object[]> rows = em.createNativeQuery("UPDATE heartbeat SET"
                        + " expired = CASE WHEN notice IS NULL THEN TRUE ELSE expired END,"
                        + " notice = COALESCE(notice, 'expired'), lease_until = :lease WHERE name IN ("
                        + "SELECT name FROM heartbeat WHERE ((enabled AND NOT expired AND expires_at <= :now) OR notice IS NOT NULL)"
                        + " AND (lease_until IS NULL OR lease_until <= :now) ORDER BY expires_at LIMIT :n FOR UPDATE SKIP LOCKED)"
                        + " RETURNING name, notice")
                .setParameter("lease", now.plus(lease))
                .setParameter("now", now)
                .setParameter("n", batchSize)
                .getResultList();
        List<Notice> notices = new ArrayList<>(rows.size());
        for (Object[] row : rows) notices.add(new Notice((String) row[0], (String) row[1]));
        return notices;
    }

    /**
     * The notice is durable in intake: cleared unless a ping changed it meanwhile (then the new one is due at once),
     * and the lease released either way.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void sent(Notice notice) {
        List<?> left = em.createNativeQuery("UPDATE heartbeat SET notice = CASE WHEN notice = :sent THEN NULL ELSE notice END,"
                        + " lease_until = NULL WHERE name = :name RETURNING notice")
                .setParameter("sent", notice.kind()).setParameter("name", notice.heartbeat()).getResultList();
        if (!left.isEmpty() && left.get(0) != null) expiry.wakeUpAfterCommit();
    }

    private Optional<Heartbeat> locked(String name) {
        return Optional.ofNullable(em.find(Heartbeat.class, name, LockModeType.PESSIMISTIC_WRITE));
    }

    private static void apply(Heartbeat h, HeartbeatSettings s) {
        if (s.description() != null) h.description = s.description();
        if (s.interval() != null) h.interval = s.interval();
        if (s.intervalUnit() != null) h.intervalUnit = s.intervalUnit();
        if (s.enabled() != null) h.enabled = s.enabled();
        if (s.ownerTeam() != null) h.ownerTeam = s.ownerTeam();
        if (s.alertMessage() != null) h.alertMessage = s.alertMessage();
        if (s.alertTags() != null) h.alertTags = new ArrayList<>(s.alertTags());
        if (s.alertPriority() != null) h.alertPriority = s.alertPriority();
    }
}
