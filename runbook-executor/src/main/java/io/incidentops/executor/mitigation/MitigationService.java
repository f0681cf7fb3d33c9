package io.incidentops.executor.mitigation;

import io.incidentops.platform.webhook.WebhookSigner;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.incidentops.events.EventCodec;
import io.incidentops.events.executor.EscalationRequested;
import io.incidentops.events.executor.MitigationApplied;
import io.incidentops.events.executor.MitigationFailed;
import io.incidentops.events.model.MitigationAction;
import io.incidentops.executor.config.ExecutorConfig;
import io.incidentops.executor.incident.KnownIncident;
import io.incidentops.executor.recovery.RecoveryService;
import io.incidentops.executor.recovery.RecoveryVerification;
import io.incidentops.platform.outbox.Outbox;
import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The state side of mitigations (seed step 6): record the request, then its outcome with the events that announce it.
 * The HTTP call happens between the two transactions ({@link MitigationApplier}).
 */
@Startup // a malformed signing secret must stop the start, not the first mitigation
@ApplicationScoped
@Transactional
public class MitigationService {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    ExecutorConfig config;

    @Inject
    RecoveryService recovery;

    private Optional<WebhookSigner> signer;

    /** A recorded request, ready to be sent. */
    public record Prepared(UUID id, String url, String body, long timestamp, String signature) {
    }

    @PostConstruct
    void init() {
        signer = config.mitigations().signingSecret().filter(s -> !s.isBlank()).map(WebhookSigner::new);
    }

    public Prepared prepare(String incidentId, MitigationRequest request, String requestedBy) {
        KnownIncident incident = em.find(KnownIncident.class, incidentId);
        if (incident == null) throw new ResourceNotFoundException("incident " + incidentId + " is not known to the executor");
        String url = actionUrl(request.action()).orElseThrow(() -> new ConflictException("no action configured for "
                + request.action() + ": set incidentops.executor.mitigations.actions.\"" + request.action()
                + "\".url or incidentops.executor.mitigations.default-url"));
        WebhookSigner s = signer.orElseThrow(() -> new ConflictException(
                "no signing secret configured (incidentops.executor.mitigations.signing-secret): mitigations are never sent unsigned"));
        Instant now = Instant.now(clock);
        Mitigation m = new Mitigation();
        m.id = UUID.randomUUID();
        m.incidentId = incidentId;
        m.action = request.action();
        m.target = request.target() == null || request.target().isBlank() ? incident.service : request.target().trim();
        if (m.target == null) throw new io.incidentops.platform.problem.InvalidInputException("target",
                "required: the incident names no service");
        m.parameters = request.parameters() == null ? null : json(request.parameters());
        m.reason = request.reason();
        m.requestedBy = requestedBy;
        m.requestedAt = now;
        m.status = Mitigation.Status.REQUESTED;
        em.persist(m);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mitigationId", m.id.toString());
        body.put("incidentId", incidentId);
        body.put("service", incident.service);
        body.put("action", m.action);
        body.put("target", m.target);
        body.put("parameters", request.parameters() == null ? Map.of() : request.parameters());
        body.put("reason", m.reason);
        body.put("requestedBy", requestedBy);
        body.put("requestedAt", now.toString());
        String payload = json(body);
        long timestamp = now.getEpochSecond();
        return new Prepared(m.id, url, payload, timestamp, s.sign(m.id.toString(), timestamp, payload));
    }

    /** 2xx from the action: mitigation.applied (the MTTR mitigation checkpoint) and recovery verification starts. */
    public Mitigation applied(UUID id, String detail) {
        Mitigation m = em.find(Mitigation.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (m.status != Mitigation.Status.REQUESTED) return m;
        Instant now = Instant.now(clock);
        m.status = Mitigation.Status.APPLIED;
        m.detail = detail;
        m.completedAt = now;
        recovery.afterMitigation(m.id, m.incidentId, m.action, m.target, m.requestedBy);
        outbox.publish(new MitigationApplied(m.incidentId, m.id.toString(), m.action, m.target,
                detail, m.requestedBy, now));
        return m;
    }

    /** Non-2xx, timeout, unreachable: mitigation.failed and escalation.requested (seed: "escalate and try another"). */
    public Mitigation failed(UUID id, String reason) {
        Mitigation m = em.find(Mitigation.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (m.status != Mitigation.Status.REQUESTED) return m;
        Instant now = Instant.now(clock);
        m.status = Mitigation.Status.FAILED;
        m.detail = reason;
        m.completedAt = now;
        outbox.publish(new MitigationFailed(m.incidentId, m.id.toString(), m.action, m.target,
                reason, m.requestedBy, now));
        outbox.publish(new EscalationRequested(m.incidentId, "Mitigation " + m.action + " of " + m.target
                + " failed (" + reason + "): try an alternative mitigation", now));
        return m;
    }

    /** The incident's mitigations with the state of their recovery verification, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<MitigationView> of(String incidentId) {
        List<Mitigation> found = Mitigation.list("incidentId = ?1 order by requestedAt", incidentId);
        Map<UUID, RecoveryVerification> verifications = recovery.ofMitigations(found.stream().map(m -> m.id).toList());
        return found.stream().map(m -> MitigationView.of(m, verifications.get(m.id))).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<MitigationView> find(String incidentId, UUID id) {
        return Optional.ofNullable(em.find(Mitigation.class, id)).filter(m -> m.incidentId.equals(incidentId))
                .map(this::view);
    }

    /** One mitigation (e.g. as {@link MitigationApplier} returned it) with the state of its recovery verification. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public MitigationView view(Mitigation m) {
        return MitigationView.of(m, recovery.ofMitigations(List.of(m.id)).get(m.id));
    }

    private Optional<String> actionUrl(MitigationAction action) {
        Map<String, ExecutorConfig.Mitigations.Action> actions = config.mitigations().actions();
        ExecutorConfig.Mitigations.Action configured = actions.get(action.name());
        if (configured == null) configured = actions.get(action.name().toLowerCase());
        return Optional.ofNullable(configured).map(ExecutorConfig.Mitigations.Action::url)
                .or(() -> config.mitigations().defaultUrl())
                .filter(u -> !u.isBlank());
    }

    private static String json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON", e);
        }
    }
}
