package io.incidentops.executor.mitigation;

import io.incidentops.events.executor.MitigationApprovalRequested;
import io.incidentops.events.executor.MitigationApproved;
import io.incidentops.events.executor.MitigationRejected;
import io.incidentops.events.model.Severity;
import io.incidentops.executor.config.ExecutorConfig;
import io.incidentops.executor.incident.KnownIncident;
import io.incidentops.executor.kubernetes.WorkloadActions;
import io.incidentops.platform.outbox.Outbox;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.UriBuilder;

import java.net.URI;

/**
 * The events of a mitigation's approval, written to the outbox in the transaction that changes its state: it waits
 * (with why, and the links a commander acts on), a commander approved it, or rejected it.
 */
@Startup // a malformed public URL must stop the start, not the first mitigation that waits
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ApprovalEvents {

    @Inject
    Outbox outbox;

    @Inject
    ExecutorConfig config;

    @Inject
    WorkloadActions workloads;

    @Inject
    ApprovalLinks links;

    @Inject
    EntityManager em;

    @PostConstruct
    void checkPublicUrl() {
        config.publicUrl().filter(u -> !u.isBlank()).ifPresent(url -> {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("incidentops.executor.public-url is not a URL: " + e.getMessage());
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalStateException("incidentops.executor.public-url must be an http(s) URL with a host");
            }
        });
    }

    /**
     * {@code m} was just recorded AWAITING_APPROVAL with its {@code approvalReason}; with a commander known, the
     * one-click links are signed for them.
     */
    public void requested(Mitigation m, Severity severity) {
        KnownIncident incident = em.find(KnownIncident.class, m.incidentId);
        String commander = incident == null ? null : incident.commander;
        WorkloadActions.Change preview = MitigationView.read(m.preview, WorkloadActions.Change.class);
        String workload = m.executor == Mitigation.Executor.KUBERNETES
                ? workloads.target(m.target, m.action).map(w -> w.namespace() + "/" + w.deployment()).orElse(null)
                : null;
        outbox.publish(new MitigationApprovalRequested(m.incidentId, m.id.toString(), m.action, m.target, workload,
                preview == null ? null : preview.summary(), m.reason, m.approvalReason, severity, m.requestedBy,
                m.requestedAt, link(m, "approve"), link(m, "reject"), commander,
                commander == null ? null : links.link(m, ApprovalLinks.Decision.APPROVE, commander),
                commander == null ? null : links.link(m, ApprovalLinks.Decision.REJECT, commander)));
    }

    /** The executor's endpoint for {@code decision}, the incident id encoded as a path segment. */
    private String link(Mitigation m, String decision) {
        return UriBuilder.fromUri(config.publicUrl().filter(u -> !u.isBlank()).orElse("/"))
                .path("api/incidents/{id}/mitigations/{mid}/{decision}")
                .build(m.incidentId, m.id, decision).toString();
    }

    public void approved(Mitigation m) {
        outbox.publish(new MitigationApproved(m.incidentId, m.id.toString(), m.action, m.target,
                decider(m.approvedBy, m), m.approvedAt));
    }

    public void rejected(Mitigation m) {
        outbox.publish(new MitigationRejected(m.incidentId, m.id.toString(), m.action, m.target,
                decider(m.rejectedBy, m), m.rejectionReason, m.rejectedAt));
    }

    /** Who decided, and "(by link)" when through a one-click link: the contract has no field for it yet. */
    private static String decider(String who, Mitigation m) {
        return Mitigation.VIA_LINK.equals(m.decidedVia) ? who + " (by link)" : who;
    }
}
