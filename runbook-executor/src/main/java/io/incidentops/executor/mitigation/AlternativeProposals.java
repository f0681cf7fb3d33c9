package io.incidentops.executor.mitigation;

import io.incidentops.executor.incident.KnownIncident;
import io.incidentops.executor.kubernetes.WorkloadActions;
import io.incidentops.executor.runbook.Runbook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * The loop back after a failed recovery (seed step 6 -> 5): the next entry of the runbook's ordered
 * {@code alternatives:} becomes a mitigation awaiting a commander's approval. It is only recorded here (no Kubernetes or
 * webhook call inside the event's transaction); {@link MitigationApplier#approve} previews and applies it. A proposal
 * always waits for a commander, whatever the approval rule would let through: the fix before it did not hold.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AlternativeProposals {

    private static final Logger LOG = Logger.getLogger(AlternativeProposals.class);
    private static final int MAX_REASON = 2000;

    @Inject
    EntityManager em;

    @Inject
    WorkloadActions workloads;

    @Inject
    Clock clock;

    @Inject
    ApprovalEvents approvalEvents;

    /**
     * @param why what failed (the {@code recovery.failed} reason), appended to the entry's reason
     * @return the proposal; empty when every alternative was proposed already or the incident is unknown or resolved
     */
    public Optional<Mitigation> proposeNext(String incidentId, Runbook runbook, String why) {
        KnownIncident incident = em.find(KnownIncident.class, incidentId);
        if (incident == null || incident.resolvedAt != null || incident.service == null) return Optional.empty();
        Integer last = em.createQuery("select max(m.alternative) from Mitigation m where m.incidentId = :id",
                Integer.class).setParameter("id", incidentId).getSingleResult();
        int next = last == null ? 1 : last + 1;
        if (next > runbook.alternativeList().size()) {
            LOG.infof("incident %s: recovery failed and runbook %s has no alternative left (%d proposed)", incidentId,
                    runbook.name(), next - 1);
            return Optional.empty();
        }
        Runbook.Alternative alternative = runbook.alternativeList().get(next - 1);
        Mitigation m = new Mitigation();
        m.id = UUID.randomUUID();
        m.incidentId = incidentId;
        m.action = alternative.action();
        m.target = incident.service; // the incident's service; a workload comes only from its configuration
        m.parameters = alternative.parameters() == null ? null : MitigationService.json(alternative.parameters());
        m.reason = reason(alternative.reason(), why);
        m.requestedBy = "runbook:" + runbook.name();
        m.requestedAt = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS);
        m.executor = workloads.target(incident.service, alternative.action()).isPresent()
                ? Mitigation.Executor.KUBERNETES : Mitigation.Executor.WEBHOOK;
        m.approval = Mitigation.Approval.REQUIRED;
        m.status = Mitigation.Status.AWAITING_APPROVAL;
        m.alternative = next;
        m.approvalReason = "proposed by runbook " + runbook.name() + " after a failed recovery: a proposal always waits "
                + "for a commander, the fix before it did not hold";
        em.persist(m);
        approvalEvents.requested(m, incident.severity);
        return Optional.of(m);
    }

    private static String reason(String entry, String why) {
        String text = entry.strip() + " Proposed because recovery failed"
                + (why == null || why.isBlank() ? "." : ": " + why.strip());
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
    }
}
