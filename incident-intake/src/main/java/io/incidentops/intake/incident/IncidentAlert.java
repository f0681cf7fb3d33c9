package io.incidentops.intake.incident;

import io.incidentops.events.model.Severity;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One distinct alert (fingerprint or dedup key) on an incident, whatever number of times it was delivered: why it is
 * there ({@link #groupKey}), its own firing/resolved state, when it was first and last seen, how often delivered.
 * The alert writer reads and writes these rows by JDBC ({@link GroupedAlertRows}), as values the session never
 * manages; the API and reports read them as entities.
 */
@Entity
@Table(name = "grouped_alert")
@IdClass(IncidentAlert.Key.class)
public class IncidentAlert extends PanacheEntityBase {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    @Id
    @Column(name = "incident_id")
    public String incidentId;
    @Id
    @Column(name = "dedup_key")
    public String dedupKey;

    @Column(name = "group_key")
    public String groupKey;
    public String source;
    /** firing | resolved (the alert's own state, not the incident's) */
    public String status;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    public String summary;
    @Convert(converter = JsonColumns.LabelsConverter.class)
    public Map<String, String> labels;
    @Column(name = "starts_at")
    public Instant startsAt;
    @Column(name = "ends_at")
    public Instant endsAt;
    @Column(name = "first_seen")
    public Instant firstSeen;
    @Column(name = "last_seen")
    public Instant lastSeen;
    public long deliveries;
    /** When it joined the incident or last changed state. */
    @Column(name = "changed_at")
    public Instant changedAt;

    /** The primary key: (incident, dedup key). */
    public static class Key implements Serializable {
        public String incidentId;
        public String dedupKey;

        public Key() {
        }

        public Key(String incidentId, String dedupKey) {
            this.incidentId = incidentId;
            this.dedupKey = dedupKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(incidentId, k.incidentId) && Objects.equals(dedupKey, k.dedupKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(incidentId, dedupKey);
        }
    }

    public boolean isFiring() {
        return FIRING.equals(status);
    }

    /** The incident's alerts, the most recently changed first. */
    public static List<IncidentAlert> ofIncident(String incidentId, int page, int size) {
        return find("incidentId = ?1 order by changedAt desc, dedupKey", incidentId).page(page, size).list();
    }
}
