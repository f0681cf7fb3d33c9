package io.incidentops.reporter.timeline;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.incidentops.platform.transaction.Exists;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One event of one incident, as it appears on the timeline. */
@Entity
@Table(name = "timeline_entry")
public class TimelineEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(name = "incident_id", nullable = false)
    public String incidentId;

    @Column(name = "event_id", nullable = false, unique = true)
    public UUID eventId;

    /** Short event name, e.g. {@code incident.declared}. */
    @Column(nullable = false)
    public String type;

    public String source;

    /** The business time of the event (from its data), else the CloudEvent time. */
    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(nullable = false)
    public String description;

    /** The event's data as JSON. */
    @Column(nullable = false)
    public String data;

    /** In time order; ties in arrival order. */
    public static List<TimelineEntry> forIncident(String incidentId) {
        return list("incidentId = ?1 order by occurredAt, seq", incidentId);
    }

    public static boolean exists(UUID eventId) {
        return Exists.row(getEntityManager(), TimelineEntry.class, "timeline_entry", "event_id", eventId);
    }
}
