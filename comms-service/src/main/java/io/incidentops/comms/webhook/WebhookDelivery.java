package io.incidentops.comms.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A webhook POST to make: written with its message, delivered (and retried) by the delivery worker. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    /** Also the Standard Webhooks {@code webhook-id} ({@code msg_<id>}), the same on every retry. */
    @Id
    public UUID id;
    @Column(name = "notification_id")
    public UUID notificationId;
    public String url;
    public String payload;
    public String status;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "last_status")
    public Integer lastStatus;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "delivered_at")
    public Instant deliveredAt;
    /** The current claim's token: only the attempt of that claim may post it and record its outcome. */
    @Column(name = "claim_token")
    public UUID claimToken;
    /** The W3C traceparent of the message's transaction; every attempt continues that trace. */
    public String traceparent;
}
