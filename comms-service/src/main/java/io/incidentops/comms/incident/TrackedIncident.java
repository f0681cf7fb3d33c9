package io.incidentops.comms.incident;

import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Severity;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** What comms remembers of every declared incident (any severity), for the events that follow it. */
@Entity
@Table(name = "tracked_incident")
public class TrackedIncident extends PanacheEntityBase {
    /** Internal notices name this when an incident names no service (the public page never shows it). */
    public static final String UNKNOWN_SERVICE = "Platform";

    @Id
    @Column(name = "incident_id")
    public String incidentId;
    public String title;
    public String description;
    public String service;
    @Enumerated(EnumType.STRING)
    @Column(name = "incident_type")
    public IncidentType incidentType;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    @Column(name = "customer_impact")
    public String customerImpact;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "declared_at")
    public Instant declaredAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    /** The commander intake named ({@code incident.commander-assigned}); null until then. */
    @Column(name = "commander_name")
    public String commanderName;
    /** How to reach the commander, as intake's roster gives it (an e-mail address is mailed). */
    @Column(name = "commander_contact")
    public String commanderContact;

    /** The affected service, or {@value #UNKNOWN_SERVICE} when the incident names none. */
    public String serviceName() {
        return Values.firstNonBlank(service, UNKNOWN_SERVICE);
    }
}
