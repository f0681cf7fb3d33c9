package io.incidentops.comms.messaging;

import io.incidentops.comms.incident.TrackedIncidents;
import io.incidentops.comms.notification.IncidentNotices;
import io.incidentops.comms.statuspage.PageIncident;
import io.incidentops.comms.statuspage.PublicIncidents;
import io.incidentops.events.IncidentEventData;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.intake.IncidentReopened;
import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.events.intake.SeverityChanged;
import io.incidentops.events.intake.StatusChanged;
import io.incidentops.platform.messaging.IncidentEventHandler;
import io.incidentops.platform.messaging.PoisonRecordException;
import io.incidentops.platform.messaging.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * Comms' incident-events handler (runs inside the consumer's transaction, once per event): each event goes first to
 * the tracked incidents, then to the public status page, then to the internal notices.
 * <ul>
 * <li>declared: tracked (a repeat does nothing); P0/P1 open a public incident; a webhook notice;</li>
 * <li>status changed: the public incident's status follows;</li>
 * <li>resolved: the public incident is resolved; stakeholders get a resolution notice, any severity;</li>
 * <li>severity changed: the public incident's impact follows (raised to P0/P1: one is opened);</li>
 * <li>reopened: the public incident goes back to "investigating".</li>
 * </ul>
 * Every other event type is ignored.
 */
@ApplicationScoped
public class IncidentReactions implements IncidentEventHandler {

    @Inject
    TrackedIncidents incidents;

    @Inject
    PublicIncidents publicIncidents;

    @Inject
    IncidentNotices notices;

    @Override
    public void on(ReceivedEvent event) {
        IncidentEventData data = event.data();
        if (data instanceof IncidentDeclared d) {
            declared(d);
        } else if (data instanceof StatusChanged s) {
            publicIncidents.statusChanged(s);
        } else if (data instanceof IncidentResolved r) {
            resolved(r);
        } else if (data instanceof SeverityChanged s) {
            severityChanged(s);
        } else if (data instanceof IncidentReopened r) {
            publicIncidents.reopened(r, incidents.reopened(r));
        }
    }

    private void declared(IncidentDeclared d) {
        if (d.severity() == null) {
            throw new PoisonRecordException("incident.declared " + d.incidentId() + " has no severity");
        }
        incidents.declared(d).ifPresent(incident -> {
            Optional<PageIncident> page = publicIncidents.declared(incident);
            notices.declared(incident, page.map(p -> p.shortlink));
        });
    }

    private void resolved(IncidentResolved r) {
        incidents.resolved(r).ifPresent(resolution -> {
            publicIncidents.resolved(resolution);
            notices.resolved(resolution);
        });
    }

    private void severityChanged(SeverityChanged s) {
        if (s.current() == null) return; // nothing to apply
        publicIncidents.severityChanged(s, incidents.severityChanged(s));
    }
}
