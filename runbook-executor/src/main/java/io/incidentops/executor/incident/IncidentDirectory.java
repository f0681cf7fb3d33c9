package io.incidentops.executor.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.incidentops.events.EventCodec;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.model.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The executor's own copy of the incidents it was told about. */
@ApplicationScoped
@Transactional
public class IncidentDirectory {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * Stores the incident unless it is known already (a second incident.declared for the same ID, e.g. a
     * re-publication with a new event ID). Returns whether this call stored it, so its effects happen once.
     */
    public boolean registerIfNew(IncidentDeclared d) {
        // one incident's events share a partition, so they arrive one after the other; the primary key still
        // guards against a second writer (its transaction fails and is retried, then finds the row)
        if (em.find(KnownIncident.class, d.incidentId()) != null) return false;
        KnownIncident incident = new KnownIncident();
        incident.id = d.incidentId();
        incident.service = d.service();
        incident.severity = d.severity();
        incident.type = d.type();
        incident.title = d.title();
        incident.description = d.description();
        incident.labels = json(d.labels());
        incident.startedAt = d.startedAt();
        incident.detectedAt = d.detectedAt();
        incident.declaredAt = Instant.now(clock);
        em.persist(incident);
        em.flush();
        return true;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<KnownIncident> find(String id) {
        return Optional.ofNullable(em.find(KnownIncident.class, id));
    }

    public void markResolved(String id, Instant resolvedAt) {
        KnownIncident incident = em.find(KnownIncident.class, id);
        if (incident != null && incident.resolvedAt == null) {
            incident.resolvedAt = resolvedAt != null ? resolvedAt : Instant.now(clock);
        }
    }

    /** {@code incident.severity-changed}: the severity mitigations are judged on from now on (null changes nothing). */
    public void severityChanged(String id, Severity current) {
        KnownIncident incident = em.find(KnownIncident.class, id);
        if (incident != null && current != null) incident.severity = current;
    }

    /** {@code incident.commander-assigned}: approval links are signed for this person from now on. */
    public void commanderAssigned(String id, String name) {
        KnownIncident incident = em.find(KnownIncident.class, id);
        if (incident != null && name != null && !name.isBlank()) incident.commander = name.strip();
    }

    public void markReopened(String id) {
        KnownIncident incident = em.find(KnownIncident.class, id);
        if (incident != null) incident.resolvedAt = null;
    }

    /** Title, description and label values: the text runbook keywords are matched against. */
    public static String searchableText(IncidentDeclared d) {
        StringBuilder sb = new StringBuilder();
        if (d.title() != null) sb.append(d.title()).append(' ');
        if (d.description() != null) sb.append(d.description()).append(' ');
        if (d.labels() != null) d.labels().values().forEach(v -> sb.append(v).append(' '));
        return sb.toString();
    }

    private static String json(Map<String, String> labels) {
        if (labels == null) return null;
        try {
            return EventCodec.mapper().writeValueAsString(labels);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("labels", e);
        }
    }
}
