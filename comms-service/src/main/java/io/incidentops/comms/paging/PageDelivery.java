package io.incidentops.comms.paging;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One message to one person on one contact method, and what became of it: a page of an escalation step, a reminder
 * to the commander that an update is due, or the PIR's calendar invite to one attendee.
 */
@Entity
@Table(name = "page_delivery")
public class PageDelivery extends PanacheEntityBase {
    public static final String PENDING = "pending";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    /** A channel comms does not deliver (not one of the contract's): recorded, not sent. */
    public static final String UNSUPPORTED = "unsupported";
    /** A channel comms delivers but the operator did not configure (or no such Teams webhook): recorded, not sent. */
    public static final String UNCONFIGURED = "unconfigured";
    /** {@code purpose} of a calendar invite (the other purposes are intake's, see NotificationRequested). */
    public static final String PIR_INVITE = "pir-invite";
    /** {@code purpose} of a notice mailed to the commander (a fix did not hold). */
    public static final String COMMANDER_NOTICE = "commander-notice";

    /** The request's notificationId. */
    @Id
    public UUID id;
    @Column(name = "incident_id")
    public String incidentId;
    @Column(name = "step_id")
    public String stepId;
    public int rule;
    public int pass;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "user_name")
    public String userName;
    public String channel;
    public String address;
    public String urgency;
    public String subject;
    public String body;
    /** {@code page}, {@code update-reminder} or {@code pir-invite}. */
    public String purpose;
    /** The iCalendar request mailed as an attachment (invites only). */
    public String calendar;
    /** The acknowledge link (a chat button, a push notification's click action); null when the request has none. */
    @Column(name = "ack_url")
    public String ackUrl;
    public String status;
    /** Who sent it ({@code smtp}, {@code slack}, {@code teams}, {@code ntfy}, an SMS/voice provider's name), or last failed to. */
    public String provider;
    /** The provider's id of the message (Slack ts, ntfy id, Twilio sid), when it gave one. */
    @Column(name = "provider_id")
    public String providerId;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    /** The current claim's token: only the attempt of that claim records its outcome. */
    @Column(name = "claim_token")
    public UUID claimToken;
    @Column(name = "last_error")
    public String lastError;
    /** The provider's own latest status of a sent SMS or call (delivery receipt), when looked up. */
    public String receipt;
    @Column(name = "receipt_at")
    public Instant receiptAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "sent_at")
    public Instant sentAt;
    /** The W3C traceparent of the work that asked for it; its attempts and receipts continue that trace. */
    public String traceparent;
}
