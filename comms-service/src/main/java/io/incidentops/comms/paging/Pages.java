package io.incidentops.comms.paging;

import io.incidentops.comms.config.CommsConfig;
import io.incidentops.comms.webhook.Backoff;
import io.incidentops.events.intake.NotificationRequested;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The database side of paging: a request is recorded once (keyed by its notificationId, in the event handler's
 * transaction); the worker claims due e-mails in short transactions (SKIP LOCKED, the next attempt pushed past a
 * lease) and records each outcome, retrying with exponential backoff.
 */
@ApplicationScoped
@Transactional
public class Pages {

    /** An e-mail claimed for one attempt. */
    public record Claimed(UUID id, String incidentId, String address, String subject, String body, int attempt) {
    }

    @Inject
    EntityManager em;

    @Inject
    CommsConfig config;

    @Inject
    Clock clock;

    /** @return false when this request was recorded before (a redelivered or repeated event): nothing to do */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean requested(NotificationRequested r) {
        UUID id = UUID.fromString(r.notificationId());
        if (PageDelivery.findById(id) != null) {
            return false;
        }
        Instant now = Instant.now(clock);
        PageDelivery p = new PageDelivery();
        p.id = id;
        p.incidentId = r.incidentId();
        p.stepId = r.stepId();
        p.rule = r.rule();
        p.pass = r.pass();
        p.userId = r.userId();
        p.userName = r.userName();
        p.channel = r.channel();
        p.address = r.address();
        p.urgency = r.urgency();
        p.subject = PageMail.subjectOf(r);
        p.body = PageMail.body(r).render();
        boolean email = "email".equals(r.channel());
        p.status = email ? PageDelivery.PENDING : PageDelivery.UNSUPPORTED;
        p.lastError = email ? null : "channel " + r.channel() + " is not delivered yet";
        p.nextAttemptAt = now;
        p.createdAt = now;
        p.persist();
        return true;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PageDelivery> ofIncident(String incidentId) {
        return PageDelivery.list("incidentId = ?1 order by createdAt, id", incidentId);
    }

    @SuppressWarnings("unchecked")
    public List<Claimed> claimDue() {
        Instant now = Instant.now(clock);
        List<PageDelivery> due = em.createNativeQuery("SELECT * FROM page_delivery WHERE status = 'pending' "
                        + "AND next_attempt_at <= :now ORDER BY next_attempt_at LIMIT :n FOR UPDATE SKIP LOCKED",
                        PageDelivery.class)
                .setParameter("now", now)
                .setParameter("n", config.paging().batchSize())
                .getResultList();
        Instant lease = now.plus(config.paging().lease());
        return due.stream().map(p -> {
            p.attempts++;
            p.nextAttemptAt = lease;
            return new Claimed(p.id, p.incidentId, p.address, p.subject, p.body, p.attempts);
        }).toList();
    }

    public void sent(UUID id) {
        PageDelivery p = PageDelivery.findById(id);
        p.status = PageDelivery.SENT;
        p.lastError = null;
        p.sentAt = Instant.now(clock);
    }

    /** @return true when a retry was scheduled, false when the page is now failed for good */
    public boolean attemptFailed(UUID id, String error) {
        PageDelivery p = PageDelivery.findById(id);
        p.lastError = error == null ? null : error.substring(0, Math.min(500, error.length()));
        if (p.attempts >= config.paging().maxAttempts()) {
            p.status = PageDelivery.FAILED;
            return false;
        }
        p.nextAttemptAt = Instant.now(clock).plus(backoff(p.attempts));
        return true;
    }

    Duration backoff(int attempts) {
        return Backoff.after(attempts, config.paging().retryBackoff(), config.paging().maxBackoff());
    }
}
