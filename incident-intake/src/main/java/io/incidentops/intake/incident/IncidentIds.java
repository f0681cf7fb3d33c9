package io.incidentops.intake.incident;

import io.incidentops.platform.transaction.AdvisoryLocks;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code INC-YYYYMMDD-NNN}: UTC day of detection and a per-day sequence from 001, handed out by the database so that
 * any number of replicas never hand out the same number.
 * <p>
 * The day's counter is taken in a transaction of its own, committed at once: taken in the declaring transaction, its
 * row lock would be held until that commits, and every other writer declaring that day (the other lanes, the other
 * replicas) would queue behind it, which in a storm of new groups made declarations wait for each other. The price:
 * a declaration that rolls back leaves a gap in the day's numbers. That commit does not wait for its WAL flush
 * ({@code synchronous_commit = off}): a declaration that uses the number commits durably later, which flushes the
 * counter's WAL record with it; if the server stops before, the number was given to nobody that survived.
 */
@ApplicationScoped
public class IncidentIds {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    @Inject
    EntityManager em;

    @Inject
    AdvisoryLocks locks;

    /** The next free ID of the UTC day of {@code detectedAt} (never the server's local day). */
    @Transactional(Transactional.TxType.MANDATORY)
    public String next(Instant detectedAt) {
        LocalDate day = detectedAt.atZone(ZoneOffset.UTC).toLocalDate();
        while (true) {
            String id = format(day, QuarkusTransaction.requiringNew().call(() -> take(day)));
            // a caller may have supplied (or be supplying) this very ID: skip it rather than fail
            locks.lock("id:" + id);
            if (Incident.findById(id) == null) {
                return id;
            }
        }
    }

    private int take(LocalDate day) {
        // SET LOCAL as set_config(..., true) inside the insert: one round trip less per declaration
        Number n = (Number) em.createNativeQuery("""
                INSERT INTO incident_sequence (day, last)
                SELECT :day, 1 FROM (SELECT set_config('synchronous_commit', 'off', true)) AS this_transaction
                ON CONFLICT (day) DO UPDATE SET last = incident_sequence.last + 1
                RETURNING last""").setParameter("day", day).getSingleResult();
        return n.intValue();
    }

    public static String format(LocalDate day, int sequence) {
        return "INC-" + DAY.format(day) + "-" + String.format("%03d", sequence);
    }
}
