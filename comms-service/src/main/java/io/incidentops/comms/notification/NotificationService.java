package io.incidentops.comms.notification;

import io.incidentops.comms.webhook.WebhookDelivery;
import io.incidentops.comms.webhook.WebhookDeliveryStore;
import io.incidentops.comms.webhook.WebhookTargets;
import io.incidentops.events.comms.NotificationSent;
import io.incidentops.platform.outbox.Outbox;
import io.incidentops.platform.transaction.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Records every message and announces it with {@code comms.notification-sent} in the caller's transaction; webhook
 * messages also get a pending delivery that the worker sends after commit (never an HTTP call inside the transaction).
 */
@ApplicationScoped
@Transactional
public class NotificationService {

    private static final Logger LOG = Logger.getLogger(NotificationService.class);

    @Inject
    Outbox outbox;

    @Inject
    WebhookTargets webhooks;

    @Inject
    WebhookDeliveryStore deliveries;

    @Inject
    MeterRegistry meters;

    @Inject
    AfterCommit afterCommit;

    @Inject
    Clock clock;

    /** Records a message that is already delivered by being written (the status page). */
    public Notification record(String incidentId, Channel channel, Audience audience, Kind kind, String destination,
                               String subject, String body) {
        return record(UUID.randomUUID(), incidentId, channel, audience, kind, destination, subject, body);
    }

    private Notification record(UUID id, String incidentId, Channel channel, Audience audience, Kind kind,
                                String destination, String subject, String body) {
        Notification n = new Notification();
        n.id = id;
        n.incidentId = incidentId;
        n.channel = channel.wire();
        n.audience = audience.wire();
        n.kind = kind.wire();
        n.destination = destination;
        n.subject = subject;
        n.body = body;
        n.createdAt = Instant.now(clock);
        n.persist();
        outbox.publish(new NotificationSent(incidentId, n.channel, n.audience, n.kind, destination, subject, n.createdAt));
        // counted once the message is committed: a retried transaction must not count it twice
        afterCommit.run(() -> meters.counter("incidentops.comms.messages",
                "channel", n.channel, "audience", n.audience, "kind", n.kind).increment());
        return n;
    }

    /**
     * Sends a message to the webhook of an audience, when one is configured.
     *
     * @return the recorded message, or empty when the audience has no webhook
     */
    public Optional<Notification> webhook(String incidentId, Audience audience, Kind kind, String subject, String text) {
        return webhook(UUID.randomUUID(), incidentId, audience, kind, subject, text);
    }

    /**
     * As {@link #webhook(String, Audience, Kind, String, String)}, once per {@code id}: a message already recorded
     * under it is not sent again (the same notice caused by an event published twice). Two replicas racing on it
     * collide on the primary key; the retried event then finds it.
     *
     * @return the recorded message, or empty when it was recorded before or the audience has no webhook
     */
    public Optional<Notification> webhookOnce(UUID id, String incidentId, Audience audience, Kind kind, String subject,
                                              String text) {
        if (Notification.findById(id) != null) {
            return Optional.empty();
        }
        return webhook(id, incidentId, audience, kind, subject, text);
    }

    private Optional<Notification> webhook(UUID id, String incidentId, Audience audience, Kind kind, String subject,
                                           String text) {
        Optional<URI> url = webhookOf(audience);
        if (url.isEmpty()) {
            LOG.debugf("no %s webhook configured: %s notice for %s not sent", audience.wire(), kind.wire(), incidentId);
            return Optional.empty();
        }
        Notification n = record(id, incidentId, Channel.WEBHOOK, audience, kind, audience.wire() + "-webhook", subject,
                text);
        deliveries.enqueue(n.id, url.get(), text, n.createdAt);
        return Optional.of(n);
    }

    private Optional<URI> webhookOf(Audience audience) {
        switch (audience) {
            case STAKEHOLDERS: return webhooks.stakeholders();
            case RESPONDERS: return webhooks.responders();
            default: return Optional.empty(); // customers read the status page
        }
    }

    /** Most recent messages first, optionally of one incident, with the outcome of their webhook delivery. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<NotificationView> recent(Optional<String> incidentId, int limit) {
        List<Notification> list = incidentId
                .map(id -> Notification.<Notification>find("incidentId = ?1 order by createdAt desc, id", id).page(0, limit).list())
                .orElseGet(() -> Notification.<Notification>find("order by createdAt desc, id").page(0, limit).list());
        if (list.isEmpty()) return List.of();
        Map<UUID, WebhookDelivery> delivered = deliveries.ofNotifications(list.stream().map(n -> n.id).toList());
        return list.stream().map(n -> NotificationView.of(n, delivered.get(n.id))).toList();
    }
}
