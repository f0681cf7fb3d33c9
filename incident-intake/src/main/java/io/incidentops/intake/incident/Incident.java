package io.incidentops.intake.incident;

import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Responder;
import io.incidentops.events.model.Severity;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An incident: intake is the single owner of its {@link #status}. */
@Entity
@Table(name = "incident")
public class Incident extends PanacheEntityBase {

    @Id
    public String id;

    public String title;
    public String description;
    public String service;
    public String team;

    @Enumerated(EnumType.STRING)
    public Severity severity;

    @Enumerated(EnumType.STRING)
    public IncidentType type;

    @Enumerated(EnumType.STRING)
    public IncidentStatus status;

    public String source;

    /** The dedup key of the alert that declared it. */
    @Column(name = "dedup_key")
    public String dedupKey;

    /** Why its alerts are together (grouping policy): one open incident per group key. */
    @Column(name = "group_key")
    public String groupKey;

    @Convert(converter = JsonColumns.LabelsConverter.class)
    public Map<String, String> labels;

    @Column(name = "customer_impact")
    public String customerImpact;

    @Column(name = "emergency_mode")
    public boolean emergencyMode;

    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "detected_at")
    public Instant detectedAt;
    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;
    @Column(name = "acknowledged_by")
    public String acknowledgedBy;
    @Column(name = "mitigated_at")
    public Instant mitigatedAt;
    /** Wording of the last applied mitigation, the default root cause on recovery. */
    @Column(name = "last_mitigation")
    public String lastMitigation;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "resolved_by")
    public String resolvedBy;
    @Column(name = "root_cause")
    public String rootCause;

    @Convert(converter = JsonColumns.RespondersConverter.class)
    public List<Responder> responders;

    @Convert(converter = JsonColumns.ResponderConverter.class)
    public Responder commander;

    @Column(name = "war_room_channel")
    public String warRoomChannel;
    @Column(name = "war_room_video_url")
    public String warRoomVideoUrl;
    @Column(name = "war_room_doc_url")
    public String warRoomDocUrl;

    /** Distinct alerts (fingerprints / dedup keys) on the incident. */
    @Column(name = "alert_count")
    public int alertCount;

    /** First delivery or change not yet announced in an {@code incident.alert-activity}; null when none. */
    @Column(name = "activity_since")
    public Instant activitySince;
    @Column(name = "activity_reported_at")
    public Instant activityReportedAt;
    /** Deliveries (repeats included) since {@link #activitySince}. */
    @Column(name = "pending_deliveries")
    public long pendingDeliveries;

    @Column(name = "reopen_count")
    public int reopenCount;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    /** The open incident of a group, locked for update (there is at most one: partial unique index). */
    public static Optional<Incident> findOpenOfGroupForUpdate(String groupKey) {
        return find("groupKey = ?1 and status <> ?2", groupKey, IncidentStatus.RESOLVED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /**
     * The open incidents of these groups, locked for update in group-key order: one round trip for a writer's whole
     * batch, and replicas that lock overlapping groups take them in the same order.
     */
    public static List<Incident> findOpenOfGroupsForUpdate(Collection<String> groupKeys) {
        if (groupKeys.isEmpty()) return List.of();
        Session session = getEntityManager().unwrap(Session.class);
        // The lock by plain JDBC, the entities by id through the persister's cached batch load: a native query mapped
        // to the entity re-resolved its result-set mapping on every call (a fifth of the writer's CPU), and HQL with
        // a list parameter was re-translated on every call. The array keeps one statement text whatever the batch size.
        List<String> ids = session.doReturningWork(connection -> {
            try (PreparedStatement lock = connection.prepareStatement("""
                    SELECT id FROM incident WHERE group_key = ANY(?) AND status <> 'RESOLVED'
                    ORDER BY group_key FOR UPDATE""")) {
                lock.setArray(1, connection.createArrayOf("text", groupKeys.toArray()));
                List<String> locked = new ArrayList<>();
                try (ResultSet rows = lock.executeQuery()) {
                    while (rows.next()) locked.add(rows.getString(1));
                }
                return locked;
            }
        });
        return ids.isEmpty() ? List.of() : session.byMultipleIds(Incident.class).multiLoad(ids);
    }

    /**
     * For each of these groups (none of which this transaction found open), its open incident, else its incident
     * resolved at or after {@code since} (the most recent), locked for update in group-key order: what a firing
     * alert of the group joins or reopens. One round trip for a writer's whole batch; a group with neither is absent.
     */
    public static Map<String, Incident> findLatestOfGroupsForUpdate(Collection<String> groupKeys, Instant since) {
        if (groupKeys.isEmpty()) return Map.of();
        Session session = getEntityManager().unwrap(Session.class);
        record Row(String id, String groupKey, boolean open, OffsetDateTime resolvedAt) {
            /** Whether this row is the one to choose over {@code other}: open first, then the latest resolved. */
            boolean before(Row other) {
                if (open != other.open) return open;
                return resolvedAt != null && other.resolvedAt != null && resolvedAt.isAfter(other.resolvedAt);
            }
        }
        Map<String, Row> latest = session.doReturningWork(connection -> {
            try (PreparedStatement lock = connection.prepareStatement("""
                    SELECT id, group_key, status <> 'RESOLVED', resolved_at FROM incident
                    WHERE group_key = ANY(?) AND (status <> 'RESOLVED' OR resolved_at >= ?)
                    ORDER BY group_key, id FOR UPDATE""")) {
                lock.setArray(1, connection.createArrayOf("text", groupKeys.toArray()));
                lock.setObject(2, since.atOffset(ZoneOffset.UTC));
                Map<String, Row> chosen = new HashMap<>();
                try (ResultSet rows = lock.executeQuery()) {
                    while (rows.next()) {
                        Row row = new Row(rows.getString(1), rows.getString(2), rows.getBoolean(3),
                                rows.getObject(4, OffsetDateTime.class));
                        chosen.merge(row.groupKey(), row, (a, b) -> b.before(a) ? b : a);
                    }
                }
                return chosen;
            }
        });
        if (latest.isEmpty()) return Map.of();
        Map<String, Incident> byGroup = new HashMap<>();
        List<String> ids = latest.values().stream().map(Row::id).toList();
        for (Incident i : session.byMultipleIds(Incident.class).multiLoad(ids)) {
            byGroup.put(i.groupKey, i);
        }
        return byGroup;
    }

    /** The open incidents on which an alert of this dedup key is recorded, the most recently detected first. */
    public static PanacheQuery<Incident> openHoldingAlert(String dedupKey) {
        return find("status <> ?1 and id in (select a.incidentId from IncidentAlert a where a.dedupKey = ?2)"
                + " order by detectedAt desc", IncidentStatus.RESOLVED, dedupKey);
    }

    /** The open incident on which an alert of this dedup key is recorded, locked for update. */
    public static Optional<Incident> findOpenHoldingAlertForUpdate(String dedupKey) {
        return openHoldingAlert(dedupKey).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** The incident, locked for update: lifecycle changes from HTTP and from events serialise on the row. */
    public static Optional<Incident> findForUpdate(String id) {
        return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    public boolean isOpen() {
        return status.isOpen();
    }
}
