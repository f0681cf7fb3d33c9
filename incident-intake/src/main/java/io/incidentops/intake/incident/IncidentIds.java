package io.incidentops.intake.incident;

import io.incidentops.platform.transaction.AdvisoryLocks;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

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

    /**
     * The next {@code count} free IDs of the UTC day {@code day}, in order: the counter moves once for all of them
     * (a writer batch that declares many incidents pays one round trip for their numbers, not one each), and all are
     * checked at once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<String> next(LocalDate day, int count) {
        List<String> free = new ArrayList<>(count);
        while (free.size() < count) {
            int wanted = count - free.size();
            int last = QuarkusTransaction.requiringNew().call(() -> take(day, wanted));
            List<String> taken = IntStream.rangeClosed(last - wanted + 1, last).mapToObj(n -> format(day, n)).toList();
            // a caller may have supplied (or be supplying) one of these very IDs: skip it rather than fail
            locks.lockAll(taken.stream().map(id -> "id:" + id).toList());
            Set<String> used = existing(taken);
            taken.stream().filter(id -> !used.contains(id)).forEach(free::add);
        }
        return free;
    }

    /** The last of {@code count} numbers taken from the day's counter. */
    private int take(LocalDate day, int count) {
        // SET LOCAL as set_config(..., true) inside the insert: one round trip less per declaration
        Number n = (Number) em.createNativeQuery("""
                INSERT INTO incident_sequence (day, last)
                SELECT :day, :count FROM (SELECT set_config('synchronous_commit', 'off', true)) AS this_transaction
                ON CONFLICT (day) DO UPDATE SET last = incident_sequence.last + EXCLUDED.last
                RETURNING last""").setParameter("day", day).setParameter("count", count).getSingleResult();
        return n.intValue();
    }

    private Set<String> existing(List<String> ids) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement find = connection.prepareStatement("SELECT id FROM incident WHERE id = ANY(?)")) {
                find.setArray(1, connection.createArrayOf("text", ids.toArray()));
                Set<String> found = new HashSet<>();
                try (ResultSet rows = find.executeQuery()) {
                    while (rows.next()) found.add(rows.getString(1));
                }
                return found;
            }
        });
    }

    /** The UTC day whose sequence numbers an incident detected then. */
    public static LocalDate dayOf(Instant detectedAt) {
        return detectedAt.atZone(ZoneOffset.UTC).toLocalDate();
    }

    public static String format(LocalDate day, int sequence) {
        return "INC-" + DAY.format(day) + "-" + String.format("%03d", sequence);
    }
}
