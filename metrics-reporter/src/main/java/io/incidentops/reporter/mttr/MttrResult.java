package io.incidentops.reporter.mttr;

import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Severity;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The stored MTTR breakdown and SLA result of a resolved incident. */
@Entity
@Table(name = "mttr_result")
public class MttrResult extends PanacheEntityBase {

    @Id
    @Column(name = "incident_id")
    public String incidentId;

    @Enumerated(EnumType.STRING)
    public Severity severity;

    /** The incident's type at resolution (null for rows computed before it was recorded and of unknown incidents). */
    @Enumerated(EnumType.STRING)
    public IncidentType type;

    @Column(name = "started_at") public Instant startedAt;
    @Column(name = "detected_at") public Instant detectedAt;
    @Column(name = "acknowledged_at") public Instant acknowledgedAt;
    @Column(name = "mitigated_at") public Instant mitigatedAt;
    @Column(name = "resolved_at", nullable = false) public Instant resolvedAt;

    @Column(name = "detection_seconds") public Long detectionSeconds;
    @Column(name = "response_seconds") public Long responseSeconds;
    @Column(name = "mitigation_seconds") public Long mitigationSeconds;
    @Column(name = "resolution_seconds") public Long resolutionSeconds;
    @Column(name = "total_seconds") public Long totalSeconds;

    @Column(name = "response_target_seconds") public Long responseTargetSeconds;
    @Column(name = "resolution_target_seconds") public Long resolutionTargetSeconds;

    @Column(name = "sla_met", nullable = false) public boolean slaMet;
    /** Comma-separated names of the missed targets (response, resolution). */
    @Column(name = "sla_missed", nullable = false) public String slaMissed = "";

    @Column(name = "computed_at", nullable = false) public Instant computedAt;

    public static Optional<MttrResult> find(String incidentId) {
        return findByIdOptional(incidentId);
    }

    public List<String> missedList() {
        return slaMissed == null || slaMissed.isBlank() ? List.of() : Arrays.asList(slaMissed.split(","));
    }

    public MttrBreakdown breakdown() {
        return new MttrBreakdown(new MttrBreakdown.Checkpoints(startedAt, detectedAt, acknowledgedAt, mitigatedAt, resolvedAt),
                d(detectionSeconds), d(responseSeconds), d(mitigationSeconds), d(resolutionSeconds), d(totalSeconds));
    }

    static Duration d(Long seconds) {
        return seconds == null ? null : Duration.ofSeconds(seconds);
    }
}
