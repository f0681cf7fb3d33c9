package io.incidentops.events.intake;

import io.incidentops.events.IncidentEventData;
import io.incidentops.events.model.Severity;

import java.time.Instant;
import java.util.Objects;

/**
 * Intake asks comms to page one person on one contact method: one escalation step (rule {@code rule} of pass
 * {@code pass} of the incident's escalation policy) reached user {@code userId}. {@code notificationId} is the same for
 * every delivery of this request (derived from the step and the contact method), so comms sends it once however often
 * the event arrives. {@code channel}: {@code email|sms|phone|slack|push|teams}, with {@code address} as
 * {@link io.incidentops.events.model.ContactAddress} says; {@code urgency}: {@code high|low}.
 * {@code ackUrl} carries a signed token ({@code ackToken}) valid until {@code ackExpiresAt}: opening it shows a
 * confirmation page, only its POST acknowledges. {@code purpose}: {@code page} (an escalation step; also when absent,
 * as in records written before the field existed) or {@code update-reminder} (the commander is reminded that a
 * customer update is due: no step, rule and pass 0, no ack link).
 */
public record NotificationRequested(String incidentId, String notificationId, String stepId, int rule, int pass,
        String userId, String userName, String channel, String address, String urgency, Severity severity,
        String title, String service, String ackToken, String ackUrl, Instant ackExpiresAt, Instant requestedAt,
        String purpose) implements IncidentEventData {

    public static final String PAGE = "page";
    public static final String UPDATE_REMINDER = "update-reminder";

    public NotificationRequested {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(notificationId, "notificationId");
        purpose = purpose == null ? PAGE : purpose;
    }

    /** A page of an escalation step (the shape before {@code purpose} existed). */
    public NotificationRequested(String incidentId, String notificationId, String stepId, int rule, int pass,
            String userId, String userName, String channel, String address, String urgency, Severity severity,
            String title, String service, String ackToken, String ackUrl, Instant ackExpiresAt, Instant requestedAt) {
        this(incidentId, notificationId, stepId, rule, pass, userId, userName, channel, address, urgency, severity,
                title, service, ackToken, ackUrl, ackExpiresAt, requestedAt, PAGE);
    }
}
