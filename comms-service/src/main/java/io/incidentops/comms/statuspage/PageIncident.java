package io.incidentops.comms.statuspage;

import io.incidentops.comms.config.CommsConfig;
import io.incidentops.events.model.Severity;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A public status-page incident, tied to one IncidentOps incident and one component. {@code status} and
 * {@code impact} are Statuspage's own words (investigating, major...), kept as they are sent.
 */
@Entity
@Table(name = "page_incident")
public class PageIncident extends PanacheEntityBase {
    public static final String INVESTIGATING = "investigating";
    public static final String IDENTIFIED = "identified";
    public static final String MONITORING = "monitoring";
    public static final String RESOLVED = "resolved";
    /** The statuses an update may set (Statuspage's; {@code postmortem} is not offered). */
    public static final List<String> STATUSES = List.of(INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED);

    /** Short random id, as Statuspage's. */
    @Id
    public String id;
    @Column(name = "incident_id")
    public String incidentId;
    @Column(name = "component_id")
    public String componentId;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    public String name;
    public String status;
    public String impact;
    public String shortlink;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "monitoring_at")
    public Instant monitoringAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "last_update_at")
    public Instant lastUpdateAt;
    @Column(name = "next_update_due_at")
    public Instant nextUpdateDueAt;
    /** Emergency mode (intake's, for a P0/P1): halves the update interval. */
    @Column(name = "emergency_mode")
    public boolean emergencyMode;

    /** How long customers wait for its next update: its severity's interval, halved in emergency mode. */
    public Duration updateInterval(CommsConfig.UpdateIntervals intervals) {
        return intervals.of(severity, emergencyMode);
    }

    public boolean isOpen() {
        return !RESOLVED.equals(status);
    }

    /**
     * The public incident of an incident, locked for the rest of the transaction: the event consumer and a
     * commander's update change the same row, one after the other.
     */
    public static Optional<PageIncident> forIncident(String incidentId) {
        return find("incidentId", incidentId).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** @return the name of the component it is shown against; null for none */
    public String componentName() {
        if (componentId == null) return null;
        PageComponent component = PageComponent.findById(componentId);
        return component == null ? null : component.name;
    }
}
