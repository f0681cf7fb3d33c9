package io.incidentops.executor.incident;

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

/** An incident as incident.declared described it: what diagnostics, runbooks and mitigations need to know. */
@Entity
@Table(name = "incident")
public class KnownIncident extends PanacheEntityBase {

    @Id
    public String id;
    public String service;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    @Enumerated(EnumType.STRING)
    public IncidentType type;
    public String title;
    public String description;
    /** JSON object of the alert labels. */
    public String labels;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "detected_at")
    public Instant detectedAt;
    @Column(name = "declared_at")
    public Instant declaredAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    /** The commander's name as {@code incident.commander-assigned} last named them: whom approval links are for. */
    public String commander;

    /** When the incident was noticed: detection, else impact start, else when we heard of it. */
    public Instant detectionTime() {
        if (detectedAt != null) return detectedAt;
        if (startedAt != null) return startedAt;
        return declaredAt;
    }
}
