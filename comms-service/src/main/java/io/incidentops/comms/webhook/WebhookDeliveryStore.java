package io.incidentops.comms.webhook;

import io.incidentops.platform.worker.Traced;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.comms.config.CommsConfig;
import io.incidentops.platform.tracing.TraceParents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The database side of delivery: a delivery is queued in the transaction of its message (never an HTTP call inside
 * that transaction); the worker then claims due deliveries in short transactions (rows locked with SKIP LOCKED, so
 * any number of replicas share the work) by pushing their next attempt past a lease, and records each outcome.
 */
@ApplicationScoped
@Transactional
public class WebhookDeliveryStore {

    /**
     * A delivery claimed for one attempt, with the trace of the message that queued it; {@code claimToken} tells
     * this claim from a later one of another replica.
     */
    public record Claimed(UUID id, UUID claimToken, String url, String payload, int attempt, String traceparent)
            implements Traced {
    }

    /** What became of an attempt. */
    public enum Recorded {
        DELIVERED, RETRY, FAILED,
        /** The claim was no longer the row's: another replica claimed it after this one's lease; its word stands. */
        SUPERSEDED
    }

    @Inject
    EntityManager em;

    @Inject
    CommsConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    WebhookDeliveryWorker worker;

    /**
     * Queues a Slack-compatible message for a webhook, in the caller's transaction.
     *
     * @param notificationId the message this delivers
     */
    public WebhookDelivery enqueue(UUID notificationId, URI url, String text, Instant at) {
        WebhookDelivery d = new WebhookDelivery();
        d.id = UUID.randomUUID();
        d.notificationId = notificationId;
        d.url = url.toString();
        d.payload = slackPayload(text);
        d.status = WebhookDelivery.PENDING;
        d.attempts = 0;
        d.nextAttemptAt = at;
        d.createdAt = at;
        d.traceparent = TraceParents.current(); // the message's: every attempt is worked in its trace
        d.persist();
        worker.wakeUpAfterCommit(); // posted once the message commits, not at the worker's next poll
        return d;
    }

    /** The deliveries of these messages, by message id. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<UUID, WebhookDelivery> ofNotifications(List<UUID> notificationIds) {
        if (notificationIds.isEmpty()) return Map.of();
        return WebhookDelivery.<WebhookDelivery>list("notificationId in ?1", notificationIds).stream()
                .collect(Collectors.toMap(d -> d.notificationId, Function.identity(), (first, second) -> second));
    }

    @SuppressWarnings("unchecked")
    public List<Claimed> claimDue() {
        Instant now = Instant.now(clock);
        List<WebhookDelivery> due = em.createNativeQuery("SELECT * FROM webhook_delivery WHERE status = 'pending' "
                        + "AND next_attempt_at <= :now ORDER BY next_attempt_at LIMIT :n FOR UPDATE SKIP LOCKED",
                        WebhookDelivery.class)
                .setParameter("now", now)
                .setParameter("n", config.webhooks().batchSize())
                .getResultList();
        // the batch's lease: what this replica has not begun when it runs out, another replica may claim
        Instant lease = now.plus(attemptLease()).plus(config.webhooks().timeout().multipliedBy(due.size()));
        return due.stream().map(d -> {
            d.attempts++;
            d.nextAttemptAt = lease;
            d.claimToken = UUID.randomUUID();
            return new Claimed(d.id, d.claimToken, d.url, d.payload, d.attempts, d.traceparent);
        }).toList();
    }

    /**
     * Starts the claimed attempt: its lease now runs from here (a batch's later deliveries wait for the earlier
     * ones), unless the claim is no longer the row's. Then it must not post: another replica has claimed it.
     */
    public boolean begin(Claimed c) {
        return em.createQuery("UPDATE WebhookDelivery d SET d.nextAttemptAt = :lease"
                        + " WHERE d.id = :id AND d.claimToken = :token AND d.status = :pending")
                .setParameter("lease", Instant.now(clock).plus(attemptLease()))
                .setParameter("id", c.id())
                .setParameter("token", c.claimToken())
                .setParameter("pending", WebhookDelivery.PENDING)
                .executeUpdate() == 1;
    }

    /**
     * One attempt: its whole exchange is bounded by the timeout ({@code BoundedExchange}); the rest covers recording
     * the outcome. If this replica dies mid-attempt, another one retries after it.
     */
    private Duration attemptLease() {
        return config.webhooks().timeout().plusSeconds(10);
    }

    public Recorded delivered(Claimed c, int httpStatus) {
        WebhookDelivery d = current(c);
        if (d == null) return Recorded.SUPERSEDED;
        d.status = WebhookDelivery.DELIVERED;
        d.lastStatus = httpStatus;
        d.lastError = null;
        d.deliveredAt = Instant.now(clock);
        return Recorded.DELIVERED;
    }

    /** A retry is scheduled, or the delivery is failed for good (refused, or out of attempts). */
    public Recorded attemptFailed(Claimed c, Integer httpStatus, String error, boolean retryable) {
        WebhookDelivery d = current(c);
        if (d == null) return Recorded.SUPERSEDED;
        d.lastStatus = httpStatus;
        d.lastError = error == null ? null : error.substring(0, Math.min(500, error.length()));
        if (!retryable || d.attempts >= config.webhooks().maxAttempts()) {
            d.status = WebhookDelivery.FAILED;
            return Recorded.FAILED;
        }
        d.nextAttemptAt = Instant.now(clock).plus(backoff(d.attempts));
        return Recorded.RETRY;
    }

    /** The claimed delivery, locked, while the claim is still its current one; null otherwise. */
    private WebhookDelivery current(Claimed c) {
        WebhookDelivery d = em.find(WebhookDelivery.class, c.id(), LockModeType.PESSIMISTIC_WRITE);
        return d != null && c.claimToken().equals(d.claimToken) && WebhookDelivery.PENDING.equals(d.status)
                ? d : null;
    }

    Duration backoff(int attempts) {
        return Backoff.after(attempts, config.webhooks().retryBackoff(), config.webhooks().maxBackoff());
    }

    /**
     * Slack incoming-webhook body (the message starts with its own headline); &, < and > escaped as Slack requires,
     * so alert text cannot inject mentions or links.
     */
    String slackPayload(String text) {
        try {
            return json.writeValueAsString(Map.of("text", slackEscape(text)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode webhook payload", e);
        }
    }

    static String slackEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
