package io.incidentops.comms.notification;

import io.incidentops.comms.incident.FailedRecovery;
import io.incidentops.comms.incident.Reopening;
import io.incidentops.comms.incident.Resolution;
import io.incidentops.comms.incident.TrackedIncident;
import io.incidentops.comms.messages.Messages;
import io.incidentops.events.model.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.UUID;

/**
 * The internal notices of an incident, over the audiences' webhooks: who hears of a new incident depends on its
 * severity (P2: stakeholders; P0/P1 and P3/P4: responders); stakeholders hear of every resolution; a reopened
 * incident is told to everyone who heard of it.
 */
@ApplicationScoped
public class IncidentNotices {

    @Inject
    NotificationService notifications;

    @Inject
    Messages messages;

    /** @param statusPageLink the public incident's shortlink, when the incident is public */
    public void declared(TrackedIncident incident, Optional<String> statusPageLink) {
        Audience audience = incident.severity == Severity.P2 ? Audience.STAKEHOLDERS : Audience.RESPONDERS;
        notifications.webhook(incident.incidentId, audience, Kind.INITIAL, messages.declaredSubject(incident),
                messages.declaredNotice(incident, statusPageLink.orElse(null)));
    }

    public void resolved(Resolution resolution) {
        notifications.webhook(resolution.incidentId(), Audience.STAKEHOLDERS, Kind.RESOLUTION,
                messages.resolutionSubject(resolution), messages.resolutionNotice(resolution));
    }

    /**
     * "reopened: <reason>" to the stakeholders (they were told of the resolution, any severity) and to the responders
     * unless the incident is a P2 (whose declaration went to the stakeholders only).
     *
     * @param statusPageLink the public incident's shortlink, when the incident is public
     */
    public void reopened(Reopening reopening, Optional<String> statusPageLink) {
        String subject = messages.reopenedSubject(reopening);
        String text = messages.reopenedNotice(reopening, statusPageLink.orElse(null));
        notifications.webhook(reopening.incidentId(), Audience.STAKEHOLDERS, Kind.UPDATE, subject, text);
        if (reopening.severity() != Severity.P2) {
            notifications.webhook(reopening.incidentId(), Audience.RESPONDERS, Kind.UPDATE, subject, text);
        }
    }

    /**
     * "recovery failed: <reason>" to the responders, where the commander is (any severity: the commander leads every
     * incident), naming the commander and where the next proposed mitigation waits for approval.
     *
     * @param statusPageLink the public incident's shortlink, when the incident is public
     */
    public void recoveryFailed(FailedRecovery failed, Optional<String> statusPageLink) {
        // keyed by the failure (incident and time), so the same failure published again posts nothing more
        UUID id = DeliveryKeys.of("recovery-failed", failed.incidentId(), failed.failedAt());
        notifications.webhookOnce(id, failed.incidentId(), Audience.RESPONDERS, Kind.UPDATE,
                messages.recoveryFailedSubject(failed), messages.recoveryFailedNotice(failed, statusPageLink.orElse(null)));
    }
}
