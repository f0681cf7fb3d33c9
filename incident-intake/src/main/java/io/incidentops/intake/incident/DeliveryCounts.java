package io.incidentops.intake.incident;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes repeat deliveries counted in memory: the alert's count and last seen, and the incident's pending activity
 * (reported in the next {@code incident.alert-activity}). Two JDBC batches per flush, whatever the number of repeats.
 */
@ApplicationScoped
public class DeliveryCounts {

    /** {@code deliveries} repeats of an alert, the last at {@code lastSeen}. */
    public record Count(String incidentId, String dedupKey, String groupKey, long deliveries, Instant lastSeen) {
    }

    @Inject
    EntityManager em;

    @Transactional
    public void add(List<Count> counts) {
        if (counts.isEmpty()) return;
        // incidents in group-key order, as AlertIntake locks them: replicas never deadlock on these rows
        List<Count> ordered = counts.stream()
                .sorted(Comparator.comparing(Count::groupKey).thenComparing(Count::dedupKey)).toList();
        Map<String, Count> perIncident = new LinkedHashMap<>();
        for (Count c : ordered) {
            perIncident.merge(c.incidentId(), c, (a, b) -> new Count(a.incidentId(), null, a.groupKey(),
                    a.deliveries() + b.deliveries(), a.lastSeen().isAfter(b.lastSeen()) ? a.lastSeen() : b.lastSeen()));
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement incident = connection.prepareStatement("""
                    UPDATE incident SET pending_deliveries = pending_deliveries + ?,
                                        activity_since = coalesce(activity_since, ?)
                    WHERE id = ?""");
                 PreparedStatement alert = connection.prepareStatement("""
                    UPDATE grouped_alert SET deliveries = deliveries + ?, last_seen = greatest(last_seen, ?)
                    WHERE incident_id = ? AND dedup_key = ?""")) {
                for (Count c : perIncident.values()) {
                    incident.setLong(1, c.deliveries());
                    incident.setTimestamp(2, Timestamp.from(c.lastSeen()));
                    incident.setString(3, c.incidentId());
                    incident.addBatch();
                }
                incident.executeBatch();
                for (Count c : ordered) {
                    alert.setLong(1, c.deliveries());
                    alert.setTimestamp(2, Timestamp.from(c.lastSeen()));
                    alert.setString(3, c.incidentId());
                    alert.setString(4, c.dedupKey());
                    alert.addBatch();
                }
                alert.executeBatch();
            }
        });
    }
}
