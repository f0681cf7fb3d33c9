package io.incidentops.intake.oncall.escalation;

import io.incidentops.events.intake.NotificationRequested;
import io.incidentops.events.intake.RespondersPaged;
import io.incidentops.events.model.Responder;
import io.incidentops.intake.oncall.people.ContactMethod;
import io.incidentops.intake.oncall.people.NotificationRule;
import io.incidentops.intake.oncall.people.OncallUser;
import io.incidentops.intake.oncall.policy.EscalationPolicy;
import io.incidentops.intake.oncall.policy.EscalationRule;
import io.incidentops.intake.oncall.policy.Target;
import io.incidentops.intake.oncall.schedule.OncallSchedule;
import io.incidentops.intake.oncall.schedule.Shift;
import io.incidentops.intake.oncall.silence.Silences;
import io.incidentops.platform.outbox.Outbox;
import io.incidentops.platform.transaction.AdvisoryLocks;
import io.incidentops.platform.transaction.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Fires one claimed step in one transaction: its {@code incident.notification-requested} events (outbox), the steps
 * it schedules and its own {@code fired} status commit together, so a step fires exactly once however many replicas
 * claim it after a lease ran out; a step cancelled meanwhile fires nothing. A step of an incident that a silence or
 * maintenance window covers pages nobody: it waits, still pending, for the silence's end and is tried again then (or
 * when the silence is expired early), so paging resumes if nobody acknowledged or resolved the incident meanwhile;
 * when it finally pages, {@code incident.responders-paged} names the people it reached (the declaration, held back
 * too, claimed nobody).
 */
@ApplicationScoped
public class StepFiring {

    private static final Logger LOG = Logger.getLogger(StepFiring.class);

    @Inject
    EntityManager em;

    @Inject
    AdvisoryLocks locks;

    @Inject
    Outbox outbox;

    @Inject
    AckTokens tokens;

    @Inject
    AfterCommit afterCommit;

    @Inject
    MeterRegistry meters;

    @Inject
    Clock clock;

    @Inject
    Silences silences;

    /** Claims due steps (committing their leases), oldest first. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @SuppressWarnings("unchecked")
    public List<EscalationWorker.Claimed> claimDue(int batchSize, Duration lease) {
        Instant now = Instant.now(clock);
        List<Object[]> rows = em.createNativeQuery("UPDATE escalation_step SET lease_until = :lease WHERE id IN ("
                        + "SELECT id FROM escalation_step WHERE status = 'pending' AND due_at <= :now "
                        + "AND (lease_until IS NULL OR lease_until <= :now) ORDER BY due_at LIMIT :n FOR UPDATE SKIP LOCKED) "
                        + "RETURNING id, incident_id, traceparent")
                .setParameter("lease", now.plus(lease))
                .setParameter("now", now)
                .setParameter("n", batchSize)
                .getResultList();
        return rows.stream().map(r -> new EscalationWorker.Claimed((UUID) r[0], (String) r[1], (String) r[2])).toList();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void fire(UUID stepId, String incidentId) {
        locks.lock(Escalations.lockName(incidentId));
        EscalationStep step = em.find(EscalationStep.class, stepId, LockModeType.PESSIMISTIC_WRITE);
        if (step == null || !EscalationStep.PENDING.equals(step.status)) {
            return; // cancelled by an acknowledgement, or fired by another replica
        }
        Instant now = Instant.now(clock);
        Optional<Silences.Suppressed> silenced = silences.suppressing(step.incidentId, now);
        if (silenced.isPresent()) {
            holdBack(step, silenced.get(), now);
            return;
        }
        Map<String, OncallUser> reached = reach(step, now);
        if (!reached.isEmpty() && silences.heldBack(step.id)) {
            outbox.publish(new RespondersPaged(step.incidentId, step.severity, reached.values().stream()
                    .map(u -> new Responder(u.name, role(step), u.email)).toList(), now));
        }
    }

    /**
     * Pages the step's people and marks it fired, in the caller's transaction; returns whom it reached. Called alone
     * ({@link Escalations#fireNew}) for the first step of an incident declared in that transaction, found unsilenced:
     * nobody else can see the step yet, so neither the lock nor the claim nor the silence check.
     */
    Map<String, OncallUser> reach(EscalationStep step, Instant now) {
        Map<String, OncallUser> reached = new LinkedHashMap<>();
        switch (step.kind) {
            case EscalationStep.RULE -> fireRule(step, now, reached);
            case EscalationStep.USERS -> step.userIds.forEach(u -> page(step, u, now, reached));
            case EscalationStep.CONTACT -> OncallUser.<OncallUser>findByIdOptional(step.userIds.get(0)).ifPresent(u ->
                    u.contactMethod(step.contactMethodId).ifPresent(c -> request(step, u, c, now, reached)));
            default -> LOG.warnf("escalation step %s has unknown kind %s", step.id, step.kind);
        }
        step.status = EscalationStep.FIRED;
        step.firedAt = now;
        return reached;
    }

    /** How the timeline names why someone was paged: "escalation rule 2", or "escalation" for the severity's extras. */
    private static String role(EscalationStep step) {
        return EscalationStep.RULE.equals(step.kind) ? "escalation rule " + (step.ruleIndex + 1) : "escalation";
    }

    private void holdBack(EscalationStep step, Silences.Suppressed s, Instant now) {
        step.dueAt = s.until();
        step.leaseUntil = null; // due again at the silence's end, not at the end of this claim's lease
        silences.recordSuppressed(step.incidentId, step.id, s, now);
        LOG.infof("paging of %s held back until %s by silences %s", step.incidentId, s.until(), s.silenceIds());
        afterCommit.run(() -> meters.counter("incidentops.intake.pages.suppressed").increment());
    }

    private void fireRule(EscalationStep step, Instant now, Map<String, OncallUser> reached) {
        EscalationPolicy policy = EscalationPolicy.findById(step.policyId);
        if (policy == null || step.ruleIndex >= policy.rules.size()) {
            LOG.warnf("escalation of %s stops: policy %s or its rule %d is gone", step.incidentId, step.policyId, step.ruleIndex + 1);
            return;
        }
        EscalationRule rule = policy.rules.get(step.ruleIndex);
        Set<String> users = new LinkedHashSet<>(step.userIds);
        for (Target t : rule.targets()) {
            if (Target.USER.equals(t.type())) {
                users.add(t.id());
            } else {
                OncallSchedule.<OncallSchedule>findByIdOptional(t.id()).flatMap(s -> s.onCallAt(now))
                        .map(Shift::userId).ifPresent(users::add);
            }
        }
        if (users.isEmpty()) {
            LOG.warnf("rule %d of policy %s reaches nobody for %s", step.ruleIndex + 1, policy.id, step.incidentId);
        }
        users.forEach(u -> page(step, u, now, reached));
        Instant due = now.plus(Duration.parse(rule.escalationDelay()));
        if (step.ruleIndex + 1 < policy.rules.size()) {
            EscalationStep next = step.next(EscalationStep.RULE, due, now);
            next.ruleIndex = step.ruleIndex + 1;
            next.persist();
        } else if (step.pass < policy.numLoops) {
            EscalationStep next = step.next(EscalationStep.RULE, due, now);
            next.ruleIndex = 0;
            next.pass = step.pass + 1;
            next.persist();
        }
    }

    /** The user's notification rules for the step's urgency: now, or as a later contact step. */
    private void page(EscalationStep step, String userId, Instant now, Map<String, OncallUser> reached) {
        OncallUser user = OncallUser.findById(userId);
        if (user == null) {
            LOG.warnf("user %s of %s's escalation is gone", userId, step.incidentId);
            return;
        }
        for (NotificationRule r : user.rulesFor(step.urgency)) {
            user.contactMethod(r.contactMethodId()).ifPresent(c -> {
                if (r.delay().isZero()) {
                    request(step, user, c, now, reached);
                } else {
                    EscalationStep later = step.next(EscalationStep.CONTACT, now.plus(r.delay()), now);
                    later.userIds = List.of(user.id);
                    later.contactMethodId = c.id();
                    later.persist();
                }
            });
        }
    }

    /** Asks comms to reach the user on one contact method; {@code reached} collects whom this step paged. */
    private void request(EscalationStep step, OncallUser user, ContactMethod c, Instant now,
                         Map<String, OncallUser> reached) {
        reached.putIfAbsent(user.id, user);
        String notificationId = UUID.nameUUIDFromBytes((step.id + "/" + user.id + "/" + c.id())
                .getBytes(StandardCharsets.UTF_8)).toString();
        Instant expires = tokens.expiryFrom(now);
        String token = tokens.issue(step.incidentId, user.id, expires);
        outbox.publish(new NotificationRequested(step.incidentId, notificationId, step.id.toString(), step.ruleIndex + 1,
                step.pass + 1, user.id, user.name, c.type(), c.address(), step.urgency, step.severity, step.title,
                step.service, token, tokens.link(token), expires, now));
        String channel = c.type();
        afterCommit.run(() -> meters.counter("incidentops.intake.pages", "channel", channel).increment());
    }
}
