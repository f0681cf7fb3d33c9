package io.incidentops.comms.statuspage;

import io.incidentops.events.model.Severity;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
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

    public boolean isOpen() {
        return !RESOLVED.equals(status);
    }

    public static Optional<PageIncident> forIncident(String incidentId) {
        return find("incidentId", incidentId).firstResultOptional();
    }
}
