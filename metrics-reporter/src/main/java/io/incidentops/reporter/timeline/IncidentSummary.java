package io.incidentops.reporter.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.events.EventCodec;
import io.incidentops.events.model.IncidentStatus;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the reporter knows about one incident, folded from its events. */
@Entity
@Table(name = "incident_summary")
public class IncidentSummary extends PanacheEntityBase {

    private static final ObjectMapper JSON = EventCodec.mapper();

    @Id
    @Column(name = "incident_id")
    public String incidentId;

    public String title;
    public String description;
    public String service;
    @Enumerated(EnumType.STRING) public Severity severity;
    @Enumerated(EnumType.STRING) public IncidentType type;
    @Enumerated(EnumType.STRING) public IncidentStatus status;

    @Column(name = "started_at") public Instant startedAt;
    @Column(name = "detected_at") public Instant detectedAt;
    @Column(name = "acknowledged_at") public Instant acknowledgedAt;
    @Column(name = "acknowledged_by") public String acknowledgedBy;
    @Column(name = "mitigated_at") public Instant mitigatedAt;
    /** When recovery was verified (fallback for resolvedAt). */
    @Column(name = "recovered_at") public Instant recoveredAt;
    @Column(name = "resolved_at") public Instant resolvedAt;

    public String commander;
    /** JSON array of {@link Person}. */
    public String responders = "[]";
    /** JSON array of {@link RunbookUse}. */
    public String runbooks = "[]";
    /** JSON array of {@link MitigationUse}. */
    public String mitigations = "[]";

    @Column(name = "root_cause") public String rootCause;
    @Column(name = "customer_impact") public String customerImpact;
    @Column(name = "alert_source") public String alertSource;
    @Column(name = "war_room") public String warRoom;
    @Column(name = "affected_users") public String affectedUsers;
    @Column(name = "error_rate") public String errorRate;
    public String latency;
    /** The changes diagnostics found before detection, newest first, as one line. */
    public String changes;
    @Column(name = "third_party") public String thirdParty;
    public int escalations;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public record Person(String name, String role, String contact) {
    }

    public record RunbookUse(String runId, String name, String version, String outcome) {
    }

    /** outcome {@code applied} or {@code failed}. */
    public record MitigationUse(String mitigationId, String action, String actionLabel, String target, String detail,
                                String outcome, Instant at) {
    }

    public static Optional<IncidentSummary> find(String incidentId) {
        return findByIdOptional(incidentId);
    }

    public List<Person> responderList() { return read(responders, new TypeReference<>() { }); }

    public void responderList(List<Person> list) { responders = write(list); }

    public List<RunbookUse> runbookList() { return read(runbooks, new TypeReference<>() { }); }

    public void runbookList(List<RunbookUse> list) { runbooks = write(list); }

    public List<MitigationUse> mitigationList() { return read(mitigations, new TypeReference<>() { }); }

    public void mitigationList(List<MitigationUse> list) { mitigations = write(list); }

    private static <T> List<T> read(String json, TypeReference<List<T>> type) {
        try {
            return json == null ? new ArrayList<>() : new ArrayList<>(JSON.readValue(json, type));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt summary column", e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
