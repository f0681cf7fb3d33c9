package io.incidentops.comms.incident;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** What comms remembers of every declared incident (any severity), for the events that follow it. */
@Entity
@Table(name = "tracked_incident")
public class TrackedIncident extends PanacheEntityBase {
    @Id
    @Column(name = "incident_id")
    public String incidentId;
    public String title;
    public String description;
    public String service;
    @Column(name = "incident_type")
    public String incidentType;
    public String severity;
    @Column(name = "customer_impact")
    public String customerImpact;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "declared_at")
    public Instant declaredAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
}
