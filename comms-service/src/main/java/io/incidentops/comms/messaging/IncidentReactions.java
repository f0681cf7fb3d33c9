package io.incidentops.comms.messaging;

import io.incidentops.comms.approval.ApprovalNotices;
import io.incidentops.comms.incident.TrackedIncidents;
import io.incidentops.comms.notification.IncidentNotices;
import io.incidentops.comms.paging.Pages;
import io.incidentops.comms.warroom.WarRooms;
import io.incidentops.comms.statuspage.PageIncident;
import io.incidentops.comms.statuspage.PublicIncidents;
import io.incidentops.comms.messages.Messages;
import io.incidentops.events.executor.MitigationApprovalRequested;
import io.incidentops.events.executor.RecoveryFailed;
import io.incidentops.events.intake.AlertsResolved;
import io.incidentops.events.intake.CommanderAssigned;
import io.incidentops.events.EventType;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.intake.IncidentEscalated;
import io.incidentops.events.intake.IncidentReopened;
import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.events.intake.NotificationRequested;
import io.incidentops.events.intake.SeverityChanged;
import io.incidentops.events.intake.StatusChanged;
import io.incidentops.events.intake.WarRoomOpened;
import io.incidentops.events.reporter.PirInviteRequested;
import io.incidentops.platform.messaging.IncidentEventHandler;
import io.incidentops.platform.messaging.PoisonRecordException;
import io.incidentops.platform.messaging.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Comms' incident-events handler (runs inside the consumer's transaction, once per event): each event goes first to
 * the tracked incidents, then to the public status page, then to the internal notices.
 * <ul>
 * <li>declared: tracked (a repeat does nothing); P0/P1 open a public incident; a webhook notice;</li>
 * <li>status changed: the public incident's status follows;</li>
 * <li>alerts resolved: the public incident moves to "monitoring" (the MONITORING that follows adds nothing);</li>
 * <li>resolved: the public incident is resolved; stakeholders get a resolution notice, any severity;</li>
 * <li>severity changed: the public incident's impact and update interval follow (raised to P0/P1: one is opened);</li>
 * <li>escalated in emergency mode: the public incident's update interval is halved;</li>
 * <li>reopened: the same public incident goes back to "investigating"; everyone told of the incident gets a
 * "reopened: &lt;reason&gt;" notice;</li>
 * <li>notification requested: the page (or the commander's update reminder) is recorded once per notificationId,
 * naming the war room, and sent by the page worker; a responder paged on Slack is invited to the war room;</li>
 * <li>war room opened: the Slack channel is created by the war-room worker (resolved: archived later; reopened:
 * the archive is cancelled, or the channel unarchived);</li>
 * <li>PIR invite requested: the reporter's calendar invite is recorded once per attendee and mailed the same way;</li>
 * <li>commander assigned: remembered, for the notices addressed to the commander;</li>
 * <li>recovery failed (a fix did not hold): the public incident goes back to "investigating" with customer-safe
 * words; the responders' webhook gets "recovery failed: &lt;reason&gt;" naming the commander, and the commander is
 * mailed the same notice when their contact is an e-mail address;</li>
 * <li>mitigation approval requested: the commander is told on their channels (with none known, the people paged
 * for the incident), once per mitigation and address; the responders' webhook once per mitigation.</li>
 * </ul>
 * Every other event type is ignored without touching the database: the platform's inbox row is all it costs. That
 * matters for {@code incident.alert-activity}, intake's highest-rate event, of which comms posts nothing.
 */
@ApplicationScoped
public class IncidentReactions implements IncidentEventHandler {

    private static final Set<EventType> HANDLED = EnumSet.of(EventType.INCIDENT_DECLARED,
            EventType.INCIDENT_STATUS_CHANGED, EventType.INCIDENT_ALERTS_RESOLVED, EventType.INCIDENT_RESOLVED,
            EventType.INCIDENT_SEVERITY_CHANGED, EventType.INCIDENT_REOPENED,
            EventType.INCIDENT_NOTIFICATION_REQUESTED, EventType.PIR_INVITE_REQUESTED,
            EventType.INCIDENT_COMMANDER_ASSIGNED, EventType.RECOVERY_FAILED, EventType.INCIDENT_WAR_ROOM_OPENED,
            EventType.MITIGATION_APPROVAL_REQUESTED, EventType.INCIDENT_ESCALATED);

    @Inject
    TrackedIncidents incidents;

    @Inject
    PublicIncidents publicIncidents;

    @Inject
    IncidentNotices notices;

    @Inject
    Pages pages;

    @Inject
    Messages messages;

    @Inject
    WarRooms warRooms;

    @Inject
    ApprovalNotices approvals;

    @Override
    public boolean handles(EventType type) {
        return HANDLED.contains(type);
    }

    @Override
    public void on(ReceivedEvent event) {
        switch (event.type()) {
            case INCIDENT_DECLARED -> declared((IncidentDeclared) event.data());
            case INCIDENT_STATUS_CHANGED -> publicIncidents.statusChanged((StatusChanged) event.data());
            case INCIDENT_ALERTS_RESOLVED -> publicIncidents.alertsResolved((AlertsResolved) event.data());
            case INCIDENT_RESOLVED -> resolved((IncidentResolved) event.data());
            case INCIDENT_SEVERITY_CHANGED -> severityChanged((SeverityChanged) event.data());
            case INCIDENT_ESCALATED -> publicIncidents.escalated((IncidentEscalated) event.data());
            case INCIDENT_REOPENED -> reopened((IncidentReopened) event.data());
            case INCIDENT_NOTIFICATION_REQUESTED -> requested((NotificationRequested) event.data());
            case INCIDENT_WAR_ROOM_OPENED -> warRooms.opened((WarRoomOpened) event.data());
            case PIR_INVITE_REQUESTED -> pages.invited((PirInviteRequested) event.data());
            case INCIDENT_COMMANDER_ASSIGNED -> incidents.commanderAssigned((CommanderAssigned) event.data());
            case RECOVERY_FAILED -> recoveryFailed((RecoveryFailed) event.data());
            case MITIGATION_APPROVAL_REQUESTED -> approvals.requested((MitigationApprovalRequested) event.data());
            default -> {
                // alert-activity, alert-attached, paging, executor, comms' and reporter's own events: nothing to say
            }
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

    /** A responder paged on Slack is invited to the war room; every page names the war room. */
    private void requested(NotificationRequested r) {
        warRooms.paged(r);
        pages.requested(r, warRooms.link(r.incidentId()).orElse(null));
    }

    private void resolved(IncidentResolved r) {
        warRooms.resolved(r);
        incidents.resolved(r).ifPresent(resolution -> {
            publicIncidents.resolved(resolution);
            notices.resolved(resolution);
        });
    }

    private void severityChanged(SeverityChanged s) {
        if (s.current() == null) return; // nothing to apply
        publicIncidents.severityChanged(s, incidents.severityChanged(s));
    }

    private void recoveryFailed(RecoveryFailed r) {
        incidents.recoveryFailed(r).ifPresent(failed -> {
            Optional<PageIncident> page = publicIncidents.recoveryFailed(failed.incidentId());
            notices.recoveryFailed(failed, page.map(p -> p.shortlink));
            failed.tracked().ifPresent(t -> pages.commanderNotice(t.incidentId, t.commanderName, t.commanderContact,
                    failed.failedAt(), messages.recoveryFailedSubject(failed),
                    messages.recoveryFailedNotice(failed, page.map(p -> p.shortlink).orElse(null))));
        });
    }

    private void reopened(IncidentReopened r) {
        warRooms.reopened(r);
        incidents.reopened(r).ifPresent(reopening -> {
            Optional<PageIncident> page = publicIncidents.reopened(reopening);
            notices.reopened(reopening, page.map(p -> p.shortlink));
        });
    }
}
