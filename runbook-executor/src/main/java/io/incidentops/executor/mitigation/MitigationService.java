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
import io.incidentops.executor.kubernetes.WorkloadActions;
import io.incidentops.events.model.Severity;
import io.incidentops.platform.problem.InvalidInputException;
import io.incidentops.executor.recovery.RecoveryService;
import io.incidentops.executor.recovery.RecoveryVerification;
import io.incidentops.platform.outbox.Outbox;
import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

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

    private static final Logger LOG = Logger.getLogger(MitigationService.class);

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

    @Inject
    Event<MitigationSettled> settled;

    @Inject
    ApprovalEvents approvalEvents;

    private Optional<WebhookSigner> signer;

    /** A recorded webhook request, signed, ready to be sent. */
    public record Prepared(UUID id, String url, String body, long timestamp, String signature) {
    }

    @PostConstruct
    void init() {
        signer = config.mitigations().signingSecret().filter(s -> !s.isBlank()).map(WebhookSigner::new);
    }

    /**
     * A recorded attempt: its mitigation, and whether this call recorded it ({@code false}: the attempt was recorded
     * before, under the same idempotency key, and this call must carry nothing out).
     */
    public record Attempt(Mitigation mitigation, boolean recordedNow) {
    }

    /** Whom a request is about: the incident, its severity, and the service acted on (default: the incident's). */
    public record Target(String incidentId, String incidentService, Severity severity, String service) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Target target(String incidentId, MitigationRequest request) {
        KnownIncident incident = em.find(KnownIncident.class, incidentId);
        if (incident == null) throw new ResourceNotFoundException("incident " + incidentId + " is not known to the executor");
        String service = request.target() == null || request.target().isBlank() ? incident.service : request.target().trim();
        if (service == null) throw new InvalidInputException("target", "required: the incident names no service");
        return new Target(incidentId, incident.service, incident.severity, service);
    }

    /**
     * Transaction 1: records the request, AWAITING_APPROVAL when the rule asks for a commander ({@code whyApproval}
     * says why; {@code mitigation.approval-requested} announces it), else REQUESTED. {@code preview} null: a webhook
     * action, refused (409) without its URL or the signing secret. {@code idempotencyKey} (null: none) names the
     * attempt: the first recording of a key wins, a repeat (a step claimed again, a retried request; also one running
     * at the same moment on another replica, which waits for the first to commit) gets the mitigation recorded first.
     */
    public Attempt record(Target target, MitigationRequest request, String requestedBy, Instant at,
                          WorkloadActions.Change preview, Optional<String> whyApproval, String idempotencyKey) {
        boolean needsApproval = whyApproval.isPresent();
        if (preview == null) {
            actionUrl(request.action());
            signer();
        }
        UUID id = UUID.randomUUID();
        if (idempotencyKey != null) {
            Optional<Mitigation> earlier = earlierAttempt(idempotencyKey, id, at);
            if (earlier.isPresent()) {
                Mitigation was = earlier.get();
                if (!was.incidentId.equals(target.incidentId()) || was.action != request.action()
                        || !was.target.equals(target.service())) {
                    throw new InvalidInputException("Idempotency-Key", "already used for another request (mitigation "
                            + was.id + ": " + was.action + " of " + was.target + ")");
                }
                return new Attempt(was, false);
            }
        }
        Mitigation m = new Mitigation();
        m.id = id;
        m.incidentId = target.incidentId();
        m.action = request.action();
        m.target = target.service();
        m.parameters = request.parameters() == null ? null : json(request.parameters());
        m.reason = request.reason();
        m.requestedBy = requestedBy;
        m.requestedAt = at;
        m.executor = preview == null ? Mitigation.Executor.WEBHOOK : Mitigation.Executor.KUBERNETES;
        m.preview = preview == null ? null : json(preview);
        m.approval = needsApproval ? Mitigation.Approval.REQUIRED : Mitigation.Approval.AUTOMATIC;
        m.status = needsApproval ? Mitigation.Status.AWAITING_APPROVAL : Mitigation.Status.REQUESTED;
        m.approvalReason = whyApproval.orElse(null);
        em.persist(m);
        if (needsApproval) approvalEvents.requested(m, target.severity());
        return new Attempt(m, true);
    }

    /**
     * Claims {@code key} for mitigation {@code id}; empty when this transaction claimed it, else the mitigation that
     * claimed it first. A concurrent claim of the same key waits on the unique key until the first one committed.
     */
    private Optional<Mitigation> earlierAttempt(String key, UUID id, Instant at) {
        int claimed = em.createNativeQuery("""
                        INSERT INTO mitigation_attempt (idempotency_key, mitigation_id, recorded_at)
                        VALUES (:key, :id, :at) ON CONFLICT (idempotency_key) DO NOTHING""")
                .setParameter("key", key).setParameter("id", id).setParameter("at", at)
                .executeUpdate();
        if (claimed == 1) return Optional.empty();
        Object earlier = em.createNativeQuery("SELECT mitigation_id FROM mitigation_attempt WHERE idempotency_key = :key")
                .setParameter("key", key).getSingleResult();
        return Optional.of(em.find(Mitigation.class, earlier instanceof UUID u ? u : UUID.fromString(earlier.toString())));
    }

    /**
     * A commander's approval: the mitigation becomes REQUESTED, once, announced by {@code mitigation.approved}. A second
     * approval (or one of a rejected mitigation) is a 409 and announces nothing: approving carries the action out, so
     * the caller must learn that theirs did not (the first approver got the outcome). A webhook action
     * without its URL or the signing secret is refused (409) and stays awaiting approval; a Kubernetes action proposed
     * without a preview ({@link AlternativeProposals}) takes {@code preview}, the dry run made just before.
     */
    public Mitigation approve(String incidentId, UUID id, String commander, String via, WorkloadActions.Change preview) {
        Mitigation m = locked(incidentId, id);
        if (m.status != Mitigation.Status.AWAITING_APPROVAL) {
            throw new ConflictException("mitigation " + id + " does not await approval (it is " + m.status + ")");
        }
        if (m.executor == Mitigation.Executor.WEBHOOK) {
            actionUrl(m.action);
            signer();
        } else if (m.preview == null) {
            if (preview == null) throw new ConflictException("mitigation " + id + " has no preview to apply");
            m.preview = json(preview);
        }
        m.status = Mitigation.Status.REQUESTED;
        m.approval = Mitigation.Approval.APPROVED;
        m.approvedBy = commander;
        m.approvedAt = Instant.now(clock);
        m.decidedVia = via;
        approvalEvents.approved(m);
        return m;
    }

    /**
     * A commander's rejection of a mitigation that awaits approval: REJECTED, never carried out, announced by
     * {@code mitigation.rejected}; a runbook step waiting for it is done. 409 when it awaits no approval (a second
     * rejection included), as {@link #approve}.
     */
    public Mitigation reject(String incidentId, UUID id, String commander, String via, String reason) {
        Mitigation m = locked(incidentId, id);
        if (m.status != Mitigation.Status.AWAITING_APPROVAL) {
            throw new ConflictException("mitigation " + id + " does not await approval (it is " + m.status + ")");
        }
        Instant now = Instant.now(clock);
        m.status = Mitigation.Status.REJECTED;
        m.approval = Mitigation.Approval.REJECTED;
        m.rejectedBy = commander;
        m.rejectedAt = now;
        m.decidedVia = via;
        m.rejectionReason = reason.strip();
        m.completedAt = now;
        m.detail = "rejected by " + commander + ": " + m.rejectionReason;
        approvalEvents.rejected(m);
        settled.fire(new MitigationSettled(m.id, m.incidentId, m.status, m.detail));
        return m;
    }

    /**
     * Whether {@code subject}, to whom an approval link was sent, is still the incident's commander: a link stops
     * working for a commander who was replaced.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean isCommander(String incidentId, String subject) {
        KnownIncident incident = em.find(KnownIncident.class, incidentId);
        return incident != null && incident.commander != null && incident.commander.equalsIgnoreCase(subject);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Mitigation get(UUID id) {
        return em.find(Mitigation.class, id);
    }

    /** The signed webhook request of a recorded mitigation, signed now. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Prepared signed(UUID id) {
        Mitigation m = em.find(Mitigation.class, id);
        KnownIncident incident = em.find(KnownIncident.class, m.incidentId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mitigationId", m.id.toString());
        body.put("incidentId", m.incidentId);
        body.put("service", incident.service);
        body.put("action", m.action);
        body.put("target", m.target);
        body.put("parameters", MitigationView.parameters(m.parameters));
        body.put("reason", m.reason);
        body.put("requestedBy", m.requestedBy);
        body.put("requestedAt", m.requestedAt.toString());
        String payload = json(body);
        long timestamp = Instant.now(clock).getEpochSecond();
        return new Prepared(m.id, actionUrl(m.action), payload, timestamp, signer().sign(m.id.toString(), timestamp, payload));
    }

    /**
     * The mitigation's row, locked until the caller's transaction ends: an outcome being recorded meanwhile waits for
     * it (and its {@link MitigationSettled} then sees what the caller wrote), one recorded before is seen here.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Mitigation lock(UUID id) {
        return em.find(Mitigation.class, id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Signs {@code payload} as mitigation webhooks are signed; 409 without a signing secret (never sent unsigned). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String sign(String webhookId, long timestamp, String payload) {
        return signer().sign(webhookId, timestamp, payload);
    }

    /** Undo may start: an applied, undoable Kubernetes action not undone yet; marked REQUESTED so it runs once. */
    public Mitigation beginUndo(String incidentId, UUID id, String by) {
        Mitigation m = locked(incidentId, id);
        if (m.executor != Mitigation.Executor.KUBERNETES || !WorkloadActions.undoable(m.action)) {
            throw new ConflictException(m.action + " of " + m.target + " cannot be undone"
                    + (m.executor == Mitigation.Executor.KUBERNETES ? "" : ": the webhook carried it out"));
        }
        if (m.status != Mitigation.Status.APPLIED) throw new ConflictException("mitigation " + id + " is " + m.status + ", not applied");
        if (m.undoState == Mitigation.UndoState.REQUESTED || m.undoState == Mitigation.UndoState.DONE) {
            throw new ConflictException("mitigation " + id + " is already undone (" + m.undoState + ")");
        }
        m.undoState = Mitigation.UndoState.REQUESTED;
        m.undoneBy = by;
        return m;
    }

    public Mitigation undone(UUID id, WorkloadActions.Outcome outcome) {
        Mitigation m = em.find(Mitigation.class, id, LockModeType.PESSIMISTIC_WRITE);
        m.undoState = outcome.success() ? Mitigation.UndoState.DONE : Mitigation.UndoState.FAILED;
        m.undoneAt = Instant.now(clock);
        m.undoDetail = outcome.detail();
        return m;
    }

    /** The audit record of a Kubernetes action (null: a webhook's): the workload read before and after, and the undo. */
    private void audit(Mitigation m, WorkloadActions.Outcome outcome) {
        if (outcome == null) return;
        m.stateBefore = outcome.before() == null ? null : json(outcome.before());
        m.stateAfter = outcome.after() == null ? null : json(outcome.after());
        m.undoData = outcome.undo();
    }

    private Mitigation locked(String incidentId, UUID id) {
        Mitigation m = em.find(Mitigation.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (m == null || !m.incidentId.equals(incidentId)) {
            throw new ResourceNotFoundException("mitigation " + id + " does not exist");
        }
        return m;
    }

    private WebhookSigner signer() {
        return signer.orElseThrow(() -> new ConflictException(
                "no signing secret configured (incidentops.executor.mitigations.signing-secret): mitigations are never sent unsigned"));
    }

    /** 2xx from the action: mitigation.applied (the MTTR mitigation checkpoint) and recovery verification starts. */
    public Mitigation applied(UUID id, String detail, WorkloadActions.Outcome audit) {
        Mitigation m = em.find(Mitigation.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (m.status != Mitigation.Status.REQUESTED) return late(m, "applied: " + detail);
        audit(m, audit);
        Instant now = Instant.now(clock);
        m.status = Mitigation.Status.APPLIED;
        m.detail = detail;
        m.completedAt = now;
        recovery.afterMitigation(m.id, m.incidentId, m.action, m.target, m.requestedBy);
        outbox.publish(new MitigationApplied(m.incidentId, m.id.toString(), m.action, m.target,
                detail, m.requestedBy, now));
        settled.fire(new MitigationSettled(m.id, m.incidentId, m.status, detail));
        return m;
    }

    /** Non-2xx, timeout, unreachable: mitigation.failed and escalation.requested (seed: "escalate and try another"). */
    public Mitigation failed(UUID id, String reason, WorkloadActions.Outcome audit) {
        Mitigation m = em.find(Mitigation.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (m.status != Mitigation.Status.REQUESTED) return late(m, "failed: " + reason);
        audit(m, audit);
        Instant now = Instant.now(clock);
        m.status = Mitigation.Status.FAILED;
        m.detail = reason;
        m.completedAt = now;
        outbox.publish(new MitigationFailed(m.incidentId, m.id.toString(), m.action, m.target,
                reason, m.requestedBy, now));
        outbox.publish(new EscalationRequested(m.incidentId, "Mitigation " + m.action + " of " + m.target
                + " failed (" + reason + "): try an alternative mitigation", now));
        settled.fire(new MitigationSettled(m.id, m.incidentId, m.status, reason));
        return m;
    }

    /**
     * An outcome for a mitigation already settled: nothing changes. When it had been closed as failed for want of an
     * outcome ({@link UnsettledMitigations}), the action's real answer is logged, so whoever checks the target finds it.
     */
    private static Mitigation late(Mitigation m, String outcome) {
        if (m.status == Mitigation.Status.FAILED) {
            LOG.warnf("incident %s: mitigation %s (%s of %s) answered after it was closed as failed (%s); not recorded: %s",
                    m.incidentId, m.id, m.action, m.target, m.detail, outcome);
        }
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

    private String actionUrl(MitigationAction action) {
        Map<String, ExecutorConfig.Mitigations.Action> actions = config.mitigations().actions();
        ExecutorConfig.Mitigations.Action configured = actions.get(action.name());
        if (configured == null) configured = actions.get(action.name().toLowerCase());
        return Optional.ofNullable(configured).map(ExecutorConfig.Mitigations.Action::url)
                .or(() -> config.mitigations().defaultUrl())
                .filter(u -> !u.isBlank())
                .orElseThrow(() -> new ConflictException("no action configured for " + action
                        + ": set incidentops.executor.mitigations.actions.\"" + action
                        + "\".url or incidentops.executor.mitigations.default-url"));
    }

    static String json(Object value) {
        try {
            return EventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON", e);
        }
    }
}
