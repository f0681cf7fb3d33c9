package io.incidentops.executor.mitigation;

import io.incidentops.executor.kubernetes.Workload;
import io.incidentops.executor.kubernetes.WorkloadActions;
import io.incidentops.executor.kubernetes.WorkloadState;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies a mitigation: the dry run of a Kubernetes action (no transaction), record it (transaction 1), then, unless
 * the approval rule makes it wait for a commander, carry it out with no transaction open (the service's configured
 * workload, or the signed webhook) and record the outcome and its events (transaction 2). A crash between the two
 * leaves the row REQUESTED, visible in the API.
 */
@ApplicationScoped
public class MitigationApplier {

    static final String MITIGATIONS = "incidentops.executor.mitigations";

    @Inject
    MitigationService mitigations;

    @Inject
    MitigationWebhookClient webhooks;

    @Inject
    WorkloadActions workloads;

    @Inject
    ApprovalRule approvals;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    /** What a request would do, nothing recorded or changed ({@code POST .../mitigations/preview}). */
    public MitigationPreview preview(String incidentId, MitigationRequest request) {
        MitigationService.Target target = mitigations.target(incidentId, request);
        Optional<Workload> workload = workloads.target(target.service(), request.action());
        WorkloadActions.Change change = workload.map(w -> workloads.preview(w, request.action(), request.parameters(),
                now())).orElse(null);
        return new MitigationPreview(request.action(), target.service(),
                workload.isPresent() ? Mitigation.Executor.KUBERNETES : Mitigation.Executor.WEBHOOK,
                approvals.needsApproval(request.action(), target.severity(), change != null && change.beyondBounds()),
                change);
    }

    /**
     * Records the request and carries it out unless it must wait for approval. {@code idempotencyKey} (null: none)
     * names the attempt: a repeat of a recorded attempt carries nothing out and gets the mitigation as it is now.
     */
    public MitigationService.Attempt apply(String incidentId, MitigationRequest request, String requestedBy,
                                           String idempotencyKey) {
        MitigationService.Target target = mitigations.target(incidentId, request);
        Instant at = now();
        Optional<Workload> workload = workloads.target(target.service(), request.action());
        WorkloadActions.Change change = workload.map(w -> workloads.preview(w, request.action(), request.parameters(), at))
                .orElse(null);
        Optional<String> whyApproval = approvals.why(request.action(), target.severity(),
                change != null && change.beyondBounds());
        MitigationService.Attempt attempt = mitigations.record(target, request, requestedBy, at, change, whyApproval,
                idempotencyKey);
        if (!attempt.recordedNow() || whyApproval.isPresent()) return attempt;
        return new MitigationService.Attempt(execute(attempt.mitigation().id), true);
    }

    /**
     * A commander approved: the mitigation is carried out now, as it was previewed. A proposed alternative on a
     * Kubernetes workload is previewed first (no transaction open), so it too is applied exactly as previewed.
     */
    public Mitigation approve(String incidentId, UUID id, String commander, String via) {
        Mitigation proposed = mitigations.get(id);
        WorkloadActions.Change preview = null;
        if (proposed != null && proposed.incidentId.equals(incidentId) && proposed.preview == null
                && proposed.status == Mitigation.Status.AWAITING_APPROVAL
                && proposed.executor == Mitigation.Executor.KUBERNETES) {
            preview = workloads.target(proposed.target, proposed.action)
                    .map(w -> workloads.preview(w, proposed.action, MitigationView.parameters(proposed.parameters),
                            proposed.requestedAt))
                    .orElse(null);
        }
        mitigations.approve(incidentId, id, commander, via, preview);
        return execute(id);
    }

    /** Scale back, remove the NetworkPolicy, roll forward. */
    public Mitigation undo(String incidentId, UUID id, String by) {
        Mitigation m = mitigations.beginUndo(incidentId, id, by);
        WorkloadActions.Outcome outcome = workloads.target(m.target, m.action)
                .map(w -> workloads.undo(w, m.action, MitigationView.read(m.stateBefore, WorkloadState.class), m.undoData))
                .orElseGet(() -> notConfigured(m));
        return mitigations.undone(id, outcome);
    }

    private Mitigation execute(UUID id) {
        Mitigation m = mitigations.get(id);
        boolean success;
        Mitigation outcome;
        if (m.executor == Mitigation.Executor.KUBERNETES) {
            WorkloadActions.Outcome done = workloads.target(m.target, m.action)
                    .map(w -> workloads.apply(w, m.action, MitigationView.parameters(m.parameters), m.requestedAt,
                            MitigationView.read(m.preview, WorkloadActions.Change.class)))
                    .orElseGet(() -> notConfigured(m));
            success = done.success();
            outcome = success ? mitigations.applied(id, done.detail(), done) : mitigations.failed(id, done.detail(), done);
        } else {
            MitigationService.Prepared p = mitigations.signed(id);
            MitigationWebhookClient.Delivery delivery = webhooks.post(p.url(), p.id().toString(), p.timestamp(),
                    p.signature(), p.body());
            success = delivery.success();
            outcome = success ? mitigations.applied(id, delivery.detail(), null)
                    : mitigations.failed(id, delivery.detail(), null);
        }
        // counted once transaction 2 committed: an outcome that was rolled back never happened
        registry.counter(MITIGATIONS, "action", m.action.name(), "outcome", success ? "applied" : "failed").increment();
        return outcome;
    }

    private static WorkloadActions.Outcome notConfigured(Mitigation m) {
        return new WorkloadActions.Outcome(false, "the workload of " + m.target + " is no longer configured",
                null, null, null);
    }

    /** Seconds: the restart annotation carries this time, and the row keeps it to microseconds only. */
    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }
}
