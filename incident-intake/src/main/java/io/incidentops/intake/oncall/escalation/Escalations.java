package io.incidentops.intake.oncall.escalation;

import io.incidentops.events.model.Severity;
import io.incidentops.intake.oncall.OncallConfig;
import io.incidentops.intake.oncall.policy.EscalationPolicy;
import io.incidentops.intake.oncall.policy.Policies;
import io.incidentops.intake.oncall.policy.Urgency;
import io.incidentops.intake.oncall.silence.Silences;
import io.incidentops.platform.tracing.TraceParents;
import io.incidentops.platform.transaction.AdvisoryLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Starts and stops an incident's escalation, in the caller's transaction. Starting writes a due step, fired by the
 * worker right after the commit; a new incident's first step is fired in the declaring transaction itself. The
 * severity's extra people (P1: the team's lead; P0: lead and management) go with the first rule. Acknowledging or
 * resolving cancels every pending step.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Escalations {

    /** What paging needs to know of an incident. */
    public record Page(String incidentId, Severity severity, String team, String service, String title) {
    }

    @Inject
    Policies policies;

    @Inject
    OncallConfig config;

    @Inject
    AdvisoryLocks locks;

    @Inject
    Silences silences;

    @Inject
    EscalationWorker worker;

    @Inject
    StepFiring firing;

    /** Pages per the incident's policy; once started, a raised severity only adds the people it asks for. */
    public void start(Page p, Instant now) {
        locks.lock(lockName(p.incidentId()));
        List<EscalationStep> earlier = EscalationStep.list("incidentId", p.incidentId());
        if (earlier.isEmpty()) {
            firstStep(p, now).ifPresent(this::persistDue);
            return;
        }
        List<String> extra = new ArrayList<>(roleUsers(p.team(), p.severity()));
        earlier.forEach(s -> extra.removeAll(s.kind.equals(EscalationStep.CONTACT) ? List.of() : s.userIds));
        if (!extra.isEmpty()) {
            persistDue(step(p, EscalationStep.USERS, null, extra, now));
        }
    }

    /**
     * A reopened incident pages again from its policy's first rule (with the severity's extra people): one new due
     * step, written in the reopening's transaction, fired once by whichever replica claims it; a silence holds it back
     * as any step. Whatever was still pending is cancelled first.
     */
    public void restart(Page p, Instant now) {
        locks.lock(lockName(p.incidentId()));
        cancelPending(p.incidentId());
        firstStep(p, now).ifPresent(this::persistDue);
    }

    /**
     * Pages an incident declared in this transaction per its policy: nothing can have started for it yet, so neither
     * the lock nor the look-up of earlier steps. Unless a silence holds paging back, the first step is returned for
     * the caller to fire in this transaction ({@link #fireNew}): its pages then leave with the declaration's events
     * rather than a worker's round later. Held back, it waits for the worker as any step.
     */
    public Optional<EscalationStep> begin(Page p, boolean heldBack, Instant now) {
        Optional<EscalationStep> first = firstStep(p, now);
        if (heldBack) {
            first.ifPresent(this::persistDue);
            return Optional.empty();
        }
        first.ifPresent(s -> s.persist());
        return first;
    }

    /** Fires a step that {@link #begin(Page, boolean, Instant)} returned. */
    public void fireNew(EscalationStep first, Instant now) {
        firing.reach(first, now);
    }

    /** The policy's first rule with the severity's extra people; those people alone without a policy; else none. */
    private Optional<EscalationStep> firstStep(Page p, Instant now) {
        List<String> extra = new ArrayList<>(roleUsers(p.team(), p.severity()));
        Optional<EscalationPolicy> policy = policies.forIncident(p.service(), p.team());
        if (policy.isPresent()) {
            return Optional.of(step(p, EscalationStep.RULE, policy.get().id, extra, now));
        }
        return extra.isEmpty() ? Optional.empty() : Optional.of(step(p, EscalationStep.USERS, null, extra, now));
    }

    /**
     * Whether a silence or maintenance window holds the incident's paging back right now: its first step will page
     * nobody when it comes due, so nobody may be announced as paged.
     */
    public boolean heldBack(String incidentId, Instant now) {
        return silences.suppressing(incidentId, now).isPresent();
    }

    /** The same for an incident declared in this transaction (not yet written), matched on its first alert's labels. */
    public boolean heldBack(Page p, Map<String, String> firstAlertLabels, Instant now) {
        return silences.suppressing(firstAlertLabels, p.service(), p.team(), now).isPresent();
    }

    /**
     * Pages one person now, as a responder asked for by hand (the console's "add responder"): one due step of that
     * user, fired by the worker after this transaction commits, through the user's notification rules, with an
     * acknowledgement link as any page; a silence holds it back as any step.
     */
    public void pageUser(Page p, String userId, Instant now) {
        locks.lock(lockName(p.incidentId()));
        persistDue(step(p, EscalationStep.USERS, null, List.of(userId), now));
    }

    /** @return how many pending steps were cancelled */
    public int stop(String incidentId) {
        locks.lock(lockName(incidentId));
        return cancelPending(incidentId);
    }

    private static int cancelPending(String incidentId) {
        return EscalationStep.update("status = ?1 where incidentId = ?2 and status = ?3",
                EscalationStep.CANCELLED, incidentId, EscalationStep.PENDING);
    }

    /** A silence expired early: the steps it held back are due now (another silence may still hold them). */
    void resume(@Observes Silences.Expired e) {
        int resumed = EscalationStep.update("dueAt = ?1, leaseUntil = null where status = ?2 and dueAt > ?1 and id in "
                + "(select p.stepId from PagingSuppression p where p.silenceId = ?3)", e.at(), EscalationStep.PENDING, e.silenceId());
        if (resumed > 0) worker.wakeUpAfterCommit();
    }

    /** A step due now is fired right after this transaction commits, not at the worker's next poll. */
    private void persistDue(EscalationStep s) {
        s.persist();
        worker.wakeUpAfterCommit();
    }

    /**
     * One lock per incident's escalation: firing a step and cancelling the steps take turns, so an acknowledgement
     * never misses the follow-up step that a firing running at the same moment schedules.
     */
    static String lockName(String incidentId) {
        return "escalation:" + incidentId;
    }

    private Set<String> roleUsers(String team, Severity severity) {
        Set<String> users = new LinkedHashSet<>();
        OncallConfig.Team t = team == null ? null : config.teams().get(team);
        if (t == null) return users;
        if (severity.isHighSeverity()) t.leadUser().ifPresent(users::add);
        if (severity == Severity.P0) t.managementUser().ifPresent(users::add);
        return users;
    }

    private static EscalationStep step(Page p, String kind, String policyId, List<String> users, Instant now) {
        EscalationStep s = new EscalationStep();
        s.id = UUID.randomUUID();
        s.incidentId = p.incidentId();
        s.kind = kind;
        s.policyId = policyId;
        s.userIds = List.copyOf(users);
        s.urgency = Urgency.of(p.severity());
        s.severity = p.severity();
        s.title = p.title();
        s.service = p.service();
        s.dueAt = now;
        s.status = EscalationStep.PENDING;
        s.createdAt = now;
        s.traceparent = TraceParents.current(); // the alert's declaration (or the acknowledgement that re-pages)
        return s;
    }
}
