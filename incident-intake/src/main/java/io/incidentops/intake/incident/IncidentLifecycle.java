package io.incidentops.intake.incident;

import io.incidentops.events.executor.EscalationRequested;
import io.incidentops.events.executor.MitigationApplied;
import io.incidentops.events.executor.MitigationFailed;
import io.incidentops.events.executor.RecoveryFailed;
import io.incidentops.events.executor.RecoveryVerified;
import io.incidentops.events.intake.AlertsResolved;
import io.incidentops.events.intake.IncidentAcknowledged;
import io.incidentops.events.intake.IncidentReopened;
import io.incidentops.events.intake.IncidentEscalated;
import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.events.intake.SeverityChanged;
import io.incidentops.events.intake.StatusChanged;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.Severity;
import io.incidentops.intake.oncall.escalation.Escalations;
import io.incidentops.platform.outbox.Outbox;
import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.problem.InvalidInputException;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.incidentops.platform.transaction.AdvisoryLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The incident lifecycle; the only code that changes {@code status}, each change announced as
 * {@code incident.status-changed}. HTTP callers get 409 for a transition the current status does not allow; executor
 * events that no longer fit (the incident was resolved meanwhile) are logged and ignored.
 * <pre>
 * DECLARED → INVESTIGATING (acknowledge) → IDENTIFIED → MITIGATING (responders)
 * any open → MONITORING (mitigation.applied) → INVESTIGATING (mitigation.failed while MONITORING)
 * any open → MONITORING (every grouped alert resolved: incident.alerts-resolved) → INVESTIGATING (an alert fires)
 * any open → RESOLVED (recovery.verified after a mitigation or once the alerts resolved, or manual resolve)
 * RESOLVED → INVESTIGATING (reopen: an alert of the group within the reopen window, or a commander)
 * </pre>
 */
@ApplicationScoped
@Transactional
public class IncidentLifecycle {

    private static final Logger LOG = Logger.getLogger(IncidentLifecycle.class);

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    IncidentAssembly assembly;

    @Inject
    AdvisoryLocks locks;

    @Inject
    Escalations escalations;

    /**
     * @return true when this call acknowledged the incident, false when it already was (idempotent, no event). An
     * incident acknowledged before it was reopened pages again: acknowledging it stops that escalation and is announced
     * (its first acknowledgement stays the MTTR checkpoint).
     */
    public boolean acknowledge(String id, String responder) {
        Incident i = load(id);
        if (i.acknowledgedAt != null) {
            if (!i.isOpen() || escalations.stop(i.id) == 0) {
                return false;
            }
            Instant now = Instant.now(clock);
            outbox.publish(new IncidentAcknowledged(i.id, responder, now));
            i.updatedAt = now;
            return true;
        }
        if (!i.isOpen()) {
            throw new ConflictException("incident " + id + " is resolved");
        }
        Instant now = Instant.now(clock);
        i.acknowledgedAt = now;
        i.acknowledgedBy = responder;
        escalations.stop(i.id); // someone has it: nobody else is paged
        outbox.publish(new IncidentAcknowledged(i.id, responder, now));
        if (i.status == IncidentStatus.DECLARED) {
            changeStatus(i, IncidentStatus.INVESTIGATING, "Acknowledged by " + responder, now);
        }
        i.updatedAt = now;
        return true;
    }

    /** Responders report progress: IDENTIFIED (cause found, optionally naming it) or MITIGATING. */
    public void reportStatus(String id, IncidentStatus target, String note, String rootCause) {
        Set<IncidentStatus> from;
        if (target == IncidentStatus.IDENTIFIED) {
            from = EnumSet.of(IncidentStatus.INVESTIGATING);
        } else if (target == IncidentStatus.MITIGATING) {
            from = EnumSet.of(IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED);
        } else {
            throw new InvalidInputException("status", "must be IDENTIFIED or MITIGATING (the other statuses follow "
                    + "acknowledgement, executor events and resolution)");
        }
        Incident i = load(id);
        if (!from.contains(i.status)) {
            throw new ConflictException("incident " + id + " is " + i.status + "; " + target + " needs " + from
                    + (i.status == IncidentStatus.DECLARED ? " (acknowledge it first)" : ""));
        }
        Instant now = Instant.now(clock);
        if (rootCause != null && !rootCause.isBlank()) {
            i.rootCause = rootCause.trim();
        }
        changeStatus(i, target, note, now);
        i.updatedAt = now;
    }

    /** @return true when the severity changed (false: it already was that severity) */
    public boolean changeSeverity(String id, Severity severity, String reason, String by) {
        Incident i = load(id);
        if (!i.isOpen()) {
            throw new ConflictException("incident " + id + " is resolved");
        }
        if (i.severity == severity) {
            return false;
        }
        applySeverity(i, severity, reason, by, Instant.now(clock));
        return true;
    }

    /** A grouped alert of higher severity: the incident's severity rises; a lower one never lowers it. */
    public void raiseSeverity(Incident i, Severity severity, String reason, Instant now) {
        if (severity.compareTo(i.severity) < 0) {
            applySeverity(i, severity, reason, "intake", now);
        }
    }

    // ---- grouped alerts (in the caller's transaction, the incident locked) ----

    /** Every alert of the incident resolved at its source: it waits in MONITORING until recovery is verified. */
    public void alertsResolved(Incident i, Instant now) {
        outbox.publish(new AlertsResolved(i.id, i.alertCount, now));
        if (i.status != IncidentStatus.MONITORING) {
            changeStatus(i, IncidentStatus.MONITORING, "All " + i.alertCount + " alerts resolved", now);
        }
        i.updatedAt = now;
    }

    /** An alert fires (again) while the incident waits in MONITORING: the problem is back, investigate. */
    public void alertFiring(Incident i, String summary, Instant now) {
        if (i.status == IncidentStatus.MONITORING) {
            changeStatus(i, IncidentStatus.INVESTIGATING, "Alert firing: " + summary, now);
            i.updatedAt = now;
        }
    }

    /** A commander reopens a resolved incident (RESOLVED → INVESTIGATING), with a reason. */
    public void reopen(String id, String reason, String by) {
        Incident i = load(id);
        if (i.isOpen()) {
            throw new ConflictException("incident " + id + " is not resolved");
        }
        locks.lock("group:" + i.groupKey);
        Incident.findOpenOfGroupForUpdate(i.groupKey).ifPresent(open -> {
            throw new ConflictException("incident " + open.id + " of the same group (" + i.groupKey + ") is open");
        });
        reopen(i, reason + " (reopened by " + by + ")", Instant.now(clock));
    }

    /**
     * The same incident again rather than a new one: same people paged again, the same public incident back to
     * investigating, MTTR keeping the original start. The caller holds the group's lock and knows no other incident
     * of the group is open.
     */
    public void reopen(Incident i, String reason, Instant now) {
        i.resolvedAt = null;
        i.resolvedBy = null;
        i.reopenCount++;
        outbox.publish(new IncidentReopened(i.id, reason, now));
        changeStatus(i, IncidentStatus.INVESTIGATING, reason, now);
        assembly.repage(i, now);
        i.updatedAt = now;
    }

    /** Manual resolution by a commander, with the root cause. */
    public void resolve(String id, String rootCause, String by) {
        Incident i = load(id);
        if (!i.isOpen()) {
            throw new ConflictException("incident " + id + " is already resolved");
        }
        i.rootCause = rootCause.trim();
        resolve(i, by, Instant.now(clock), "Resolved by " + by);
    }

    // ---- executor events (inside the event processor's transaction) ----

    public void onMitigationApplied(MitigationApplied m) {
        Optional<Incident> found = Incident.findForUpdate(m.incidentId());
        if (found.isEmpty() || !found.get().isOpen()) {
            LOG.infof("mitigation.applied for %s ignored: unknown or resolved incident", m.incidentId());
            return;
        }
        Incident i = found.get();
        Instant at = m.appliedAt() != null ? m.appliedAt() : Instant.now(clock);
        if (i.mitigatedAt == null) {
            i.mitigatedAt = at; // the MTTR checkpoint is the first mitigation that worked
        }
        i.lastMitigation = describe(m);
        if (i.status != IncidentStatus.MONITORING) {
            changeStatus(i, IncidentStatus.MONITORING, i.lastMitigation, at);
        }
        i.updatedAt = Instant.now(clock);
    }

    public void onMitigationFailed(MitigationFailed m) {
        Optional<Incident> found = Incident.findForUpdate(m.incidentId());
        if (found.isPresent() && found.get().status == IncidentStatus.MONITORING) {
            Incident i = found.get();
            Instant at = m.failedAt() != null ? m.failedAt() : Instant.now(clock);
            changeStatus(i, IncidentStatus.INVESTIGATING, "Mitigation " + m.action() + " failed: " + m.reason(), at);
            i.updatedAt = Instant.now(clock);
        }
    }

    /**
     * The fix did not hold (seed step 6 back to 5): an incident waiting in MONITORING goes back to INVESTIGATING, so the
     * status page says the investigation continues; the executor's {@code escalation.requested} tells the commander.
     */
    public void onRecoveryFailed(RecoveryFailed r) {
        Optional<Incident> found = Incident.findForUpdate(r.incidentId());
        if (found.isPresent() && found.get().status == IncidentStatus.MONITORING) {
            Incident i = found.get();
            Instant at = r.failedAt() != null ? r.failedAt() : Instant.now(clock);
            changeStatus(i, IncidentStatus.INVESTIGATING, "Recovery not verified: " + r.reason(), at);
            i.updatedAt = Instant.now(clock);
        }
    }

    public void onRecoveryVerified(RecoveryVerified r) {
        Optional<Incident> found = Incident.findForUpdate(r.incidentId());
        if (found.isEmpty() || !found.get().isOpen()) {
            LOG.infof("recovery.verified for %s ignored: unknown or resolved incident", r.incidentId());
            return;
        }
        Incident i = found.get();
        if (i.mitigatedAt == null && i.status != IncidentStatus.MONITORING) {
            LOG.warnf("recovery.verified for %s ignored: no mitigation was applied and its alerts still fire", r.incidentId());
            return;
        }
        if (i.rootCause == null) {
            i.rootCause = i.lastMitigation != null ? i.lastMitigation
                    : "Not stated: the alerts resolved and recovery was verified without a mitigation";
        }
        resolve(i, "runbook-executor", r.verifiedAt() != null ? r.verifiedAt() : Instant.now(clock),
                "Recovery verified" + (r.checks() != null ? ": " + r.checks() : ""));
    }

    public void onEscalationRequested(EscalationRequested e) {
        Optional<Incident> found = Incident.findForUpdate(e.incidentId());
        if (found.isEmpty() || !found.get().isOpen()) {
            return;
        }
        Incident i = found.get();
        Instant now = Instant.now(clock);
        if (i.severity.isHighSeverity()) {
            i.emergencyMode = true;
        }
        outbox.publish(new IncidentEscalated(i.id, i.severity, i.severity.isHighSeverity(),
                e.reason() != null ? e.reason() : "Escalation requested", e.requestedAt() != null ? e.requestedAt() : now));
        i.updatedAt = now;
    }

    // ---- helpers ----

    private void applySeverity(Incident i, Severity severity, String reason, String by, Instant now) {
        Severity previous = i.severity;
        i.severity = severity;
        outbox.publish(new SeverityChanged(i.id, previous, severity, reason, by, now));
        if (severity.isHighSeverity() && !previous.isHighSeverity()) {
            assembly.escalate(i, now);
            assembly.assignCommander(i, now);
        }
        if (!severity.isHighSeverity()) {
            i.emergencyMode = false; // emergency mode is for P0/P1 (seed step 1); comms' update cadence follows it
        }
        if (severity.compareTo(previous) < 0) {
            assembly.page(i, now); // more severe: whoever the new severity asks for and was not paged yet
        }
        i.updatedAt = now;
    }

    private void resolve(Incident i, String by, Instant at, String reason) {
        escalations.stop(i.id);
        i.resolvedAt = at;
        i.resolvedBy = by;
        changeStatus(i, IncidentStatus.RESOLVED, reason, at);
        outbox.publish(new IncidentResolved(i.id, i.severity, i.type, i.title, i.service, i.rootCause, by,
                i.startedAt, i.detectedAt, i.acknowledgedAt, i.mitigatedAt, i.resolvedAt));
        i.updatedAt = Instant.now(clock);
    }

    private void changeStatus(Incident i, IncidentStatus target, String reason, Instant at) {
        IncidentStatus previous = i.status;
        i.status = target;
        outbox.publish(new StatusChanged(i.id, previous, target, reason, at));
    }

    /** "Mitigated by ROLLBACK of checkout: rolled back to v41" */
    static String describe(MitigationApplied m) {
        StringBuilder sb = new StringBuilder("Mitigated by ").append(m.action() != null ? m.action().name() : "an action");
        if (m.target() != null && !m.target().isBlank()) sb.append(" of ").append(m.target());
        if (m.detail() != null && !m.detail().isBlank()) sb.append(": ").append(m.detail());
        return sb.toString();
    }

    private static Incident load(String id) {
        return Incident.findForUpdate(id).orElseThrow(() -> new ResourceNotFoundException("incident " + id + " does not exist"));
    }
}
