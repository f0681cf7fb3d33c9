package io.incidentops.events.comms;

import io.incidentops.events.IncidentEventData;
import java.time.*;
import java.util.*;

/**
 * A message went out: channel status_page|webhook|chat|email, audience customers|stakeholders|responders, kind
 * initial|update|resolution. A page or notice to one person (audience responders) once its channel took it: channel
 * email|sms|phone|push|chat, kind its purpose (page|update-reminder|approval-request|commander-notice|pir-invite),
 * destination the person's name.
 */
public record NotificationSent(String incidentId, String channel, String audience, String kind, String destination,
        String subject, Instant sentAt) implements IncidentEventData {
    public NotificationSent {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
