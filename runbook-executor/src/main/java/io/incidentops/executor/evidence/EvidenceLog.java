package io.incidentops.executor.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.incidentops.events.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Appends to an incident's hash-chained evidence log, in the caller's transaction (an entry exists exactly when the
 * step it records does). Callers hold the run's row lock, so one incident's appends never race; the primary key on
 * (incident, seq) is the backstop.
 */
@ApplicationScoped
public class EvidenceLog {

    public static final String RUN_STARTED = "run.started";
    public static final String STEP_COMPLETED = "step.completed";

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public EvidenceEntry append(String incidentId, String kind, Map<String, ?> input, Map<String, ?> output) {
        EvidenceEntry last = em.createQuery("select e from EvidenceEntry e where e.incidentId = :id order by e.seq desc",
                EvidenceEntry.class).setParameter("id", incidentId).setMaxResults(1).getResultStream().findFirst()
                .orElse(null);
        EvidenceEntry e = new EvidenceEntry();
        e.incidentId = incidentId;
        e.seq = last == null ? 1 : last.seq + 1;
        e.recordedAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS); // as PostgreSQL keeps it
        e.kind = kind;
        e.input = json(input);
        e.output = json(output);
        e.prevHash = last == null ? EvidenceBundle.GENESIS : last.hash;
        e.hash = EvidenceBundle.hashOf(e.prevHash, incidentId, e.seq, e.recordedAt, kind, e.input, e.output);
        em.persist(e);
        return e;
    }

    /** The whole log as a bundle; empty when the incident has none. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<EvidenceBundle> bundle(String incidentId) {
        List<EvidenceEntry> entries = em.createQuery("select e from EvidenceEntry e where e.incidentId = :id order by e.seq",
                EvidenceEntry.class).setParameter("id", incidentId).getResultList();
        if (entries.isEmpty()) return Optional.empty();
        return Optional.of(new EvidenceBundle(incidentId, EvidenceBundle.ALGORITHM, EvidenceBundle.GENESIS,
                entries.stream().map(e -> new EvidenceBundle.Entry(e.seq, e.recordedAt, e.kind, e.input, e.output,
                        e.prevHash, e.hash)).toList(),
                entries.get(entries.size() - 1).hash));
    }

    private static String json(Map<String, ?> value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("evidence must be serialisable as JSON", e);
        }
    }
}
