package io.incidentops.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The outbox rows' leases. A relay claims a batch in a short transaction, sends it with no transaction open, then
 * deletes what the broker acknowledged and records what it refused. Claims are taken one relay at a time under an
 * advisory lock, which is never held while the broker is asked anything.
 * <p>
 * A row is claimable when it is neither set aside nor under a live lease, and no other row of its incident is under a
 * live lease: an incident's rows are sent by one relay at a time, in {@code seq} order, however many replicas relay.
 * A lease that ends (its relay died) frees its rows for the next claim; they may then be sent twice, which consumers
 * absorb by the event ID.
 */
@ApplicationScoped
class OutboxClaims {

    /**
     * The claim's advisory lock, named after the service's schema: advisory locks are per database, and services
     * sharing one database (each in its own schema, as the local stack and the cluster run them) take turns only with
     * their own replicas.
     */
    static final String CLAIM_LOCK = "SELECT count(*) FROM (SELECT pg_advisory_xact_lock("
            + "hashtextextended('outbox-relay:' || current_schema(), 0))) AS l";

    private static final String CLAIM = """
            UPDATE outbox_event SET claim_token = :token, claimed_until = now() + make_interval(secs => :lease)
            WHERE seq IN (SELECT c.seq FROM outbox_event c
                          WHERE c.set_aside_at IS NULL
                            AND (c.claim_token IS NULL OR c.claimed_until < now())
                            AND NOT EXISTS (SELECT 1 FROM outbox_event busy
                                            WHERE busy.claim_token IS NOT NULL AND busy.subject = c.subject
                                              AND busy.claimed_until >= now())
                          ORDER BY c.seq LIMIT :limit FOR UPDATE SKIP LOCKED)
            RETURNING *""";

    @Inject
    EntityManager entityManager;

    /** Rows one relay may send until its lease ends, in the order they must leave. */
    record Claim(UUID token, List<OutboxEvent> rows) {
    }

    /** Claims up to {@code limit} rows for {@code lease}; call in a transaction. */
    @SuppressWarnings("unchecked")
    Claim claim(int limit, Duration lease) {
        withoutWaitingForTheDisk();
        entityManager.createNativeQuery(CLAIM_LOCK).getSingleResult();
        UUID token = UUID.randomUUID();
        List<OutboxEvent> rows = entityManager.createNativeQuery(CLAIM, OutboxEvent.class)
                .setParameter("token", token)
                .setParameter("lease", (double) lease.toMillis() / 1000)
                .setParameter("limit", limit)
                .getResultList();
        return new Claim(token, rows.stream().sorted(Comparator.comparing(r -> r.seq)).toList());
    }

    /**
     * The relay's own bookkeeping commits without waiting for its WAL flush: a claim, a delete or a failure count lost
     * in a database crash only makes a row be sent again (consumers deduplicate), and the relay's rounds then cost the
     * writers none of their disk flushes.
     */
    private void withoutWaitingForTheDisk() {
        entityManager.createNativeQuery("SELECT set_config('synchronous_commit', 'off', true)").getSingleResult();
    }

    /** Whether rows wait that no claim could take because another relay holds their incident; call in a transaction. */
    boolean othersHoldWaitingIncidents() {
        return (Boolean) entityManager.createNativeQuery("""
                        SELECT EXISTS (SELECT 1 FROM outbox_event c
                                       WHERE c.set_aside_at IS NULL AND c.claim_token IS NULL
                                         AND EXISTS (SELECT 1 FROM outbox_event busy
                                                     WHERE busy.claim_token IS NOT NULL AND busy.subject = c.subject
                                                       AND busy.claimed_until >= now()))""")
                .getSingleResult();
    }

    /** Deletes the rows the broker acknowledged, unless the claim was lost meanwhile; call in a transaction. */
    void sent(Claim claim, List<Long> seqs) {
        withoutWaitingForTheDisk();
        if (!seqs.isEmpty()) {
            entityManager.createNativeQuery("DELETE FROM outbox_event WHERE claim_token = :token AND seq IN (:seqs)")
                    .setParameter("token", claim.token()).setParameter("seqs", seqs).executeUpdate();
        }
    }

    /**
     * Releases a row the broker did not take, with the reason; a row that has failed {@code maxAttempts} times for a
     * reason no retry can help ({@code permanent}) is set aside instead, out of every later claim. Call in a
     * transaction.
     */
    void failed(Claim claim, long seq, String reason, boolean permanent, int maxAttempts) {
        entityManager.createNativeQuery("""
                        UPDATE outbox_event SET attempts = attempts + 1, last_error = :reason,
                               claim_token = NULL, claimed_until = NULL,
                               set_aside_at = CASE WHEN :permanent AND attempts + 1 >= :max THEN now() END
                        WHERE seq = :seq AND claim_token = :token""")
                .setParameter("reason", reason).setParameter("permanent", permanent).setParameter("max", maxAttempts)
                .setParameter("seq", seq).setParameter("token", claim.token())
                .executeUpdate();
    }
}
