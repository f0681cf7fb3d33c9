package io.incidentops.comms.notification;

import io.incidentops.comms.webhook.WebhookDelivery;

import java.time.Instant;
import java.util.UUID;

/** A message as {@code GET /api/notifications} shows it; {@code delivery} only for webhooks (never the URL). */
public record NotificationView(UUID id, String incidentId, String channel, String audience, String kind,
                               String destination, String subject, String body, Instant createdAt, Delivery delivery) {

    public record Delivery(String status, int attempts, Integer lastStatus, String lastError, Instant deliveredAt) {
    }

    static NotificationView of(Notification n, WebhookDelivery d) {
        Delivery delivery = d == null ? null : new Delivery(d.status, d.attempts, d.lastStatus, d.lastError, d.deliveredAt);
        return new NotificationView(n.id, n.incidentId, n.channel, n.audience, n.kind, n.destination, n.subject, n.body,
                n.createdAt, delivery);
    }
}
