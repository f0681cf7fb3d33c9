package io.incidentops.comms.statuspage;

import io.incidentops.comms.incident.Reopening;
import io.incidentops.comms.incident.Resolution;
import io.incidentops.comms.incident.TrackedIncident;
import io.incidentops.comms.messages.Messages;
import io.incidentops.comms.config.CommsConfig;
import io.incidentops.events.intake.AlertsResolved;
import io.incidentops.events.intake.IncidentEscalated;
import io.incidentops.events.intake.SeverityChanged;
import io.incidentops.events.intake.StatusChanged;
import io.incidentops.events.model.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Optional;

/**
 * What customers see of an incident: a P0/P1 gets a public status-page incident, which then follows the incident's
 * status, its alerts clearing, severity, resolution and reopening. Lower severities stay off the page unless raised to
 * P0/P1. One customer update per transition: an event that leaves the public status as it is posts nothing.
 * Titles and bodies name the public component (an operator's choice) and the impact only, never the incident's own
 * text: that comes from alerts and stays in the internal notices.
 */
@ApplicationScoped
public class PublicIncidents {

    @Inject
    StatusPageService statusPage;

    @Inject
    Messages messages;

    @Inject
    PublicComponents components;

    @Inject
    CommsConfig config;

    /** @return the public incident "investigating" of a P0/P1 (seed step 3); empty for lower severities */
    public Optional<PageIncident> declared(TrackedIncident incident) {
        return incident.severity.isHighSeverity() ? Optional.of(open(incident)) : Optional.empty();
    }

    /**
     * IDENTIFIED or MITIGATING → identified, MONITORING → monitoring, back to INVESTIGATING → investigating; only on
     * an open public incident, only when its status really changes. In particular the MONITORING that intake emits
     * right after {@code incident.alerts-resolved} finds the page already monitoring ({@link #alertsResolved}) and
     * posts nothing: "a fix has been implemented" would be wrong there.
     */
    public void statusChanged(StatusChanged s) {
        if (s.current() == null) return;
        Optional<PageIncident> found = openIncident(s.incidentId());
        if (found.isEmpty()) return;
        PageIncident page = found.get();
        switch (s.current()) {
            case IDENTIFIED:
            case MITIGATING:
                if (PageIncident.INVESTIGATING.equals(page.status)) {
                    statusPage.update(page, PageIncident.IDENTIFIED, messages.identifiedBody(interval(page)));
                }
                break;
            case MONITORING:
                if (!PageIncident.MONITORING.equals(page.status)) {
                    statusPage.update(page, PageIncident.MONITORING, messages.monitoringBody());
                }
                break;
            case INVESTIGATING:
                if (!PageIncident.INVESTIGATING.equals(page.status)) {
                    statusPage.update(page, PageIncident.INVESTIGATING, messages.investigatingBody(interval(page)));
                }
                break;
            default:
                // DECLARED adds nothing; RESOLVED arrives with incident.resolved and its root cause
                break;
        }
    }

    /**
     * Every alert of the incident resolved at its source: the open public incident moves to "monitoring" while
     * recovery is verified (intake's following MONITORING adds nothing; {@code incident.resolved} resolves it). Also
     * posted when already monitoring after a mitigation: that the alerts cleared is news to customers.
     */
    public void alertsResolved(AlertsResolved a) {
        openIncident(a.incidentId()).ifPresent(page ->
                statusPage.update(page, PageIncident.MONITORING, messages.alertsClearedBody()));
    }

    /**
     * A fix that did not hold: an open public incident that is not "investigating" already (it said a fix is in place,
     * or identified) goes back to it, saying so in the customers' words; intake's following INVESTIGATING then finds it
     * there and posts nothing.
     *
     * @return the public incident, when the incident has one
     */
    public Optional<PageIncident> recoveryFailed(String incidentId) {
        Optional<PageIncident> page = PageIncident.forIncident(incidentId);
        page.filter(PageIncident::isOpen).filter(p -> !PageIncident.INVESTIGATING.equals(p.status))
                .ifPresent(p -> statusPage.update(p, PageIncident.INVESTIGATING, messages.recoveryFailedBody(interval(p))));
        return page;
    }

    /** The open public incident becomes "resolved" under its resolution title (seed step 8). */
    public void resolved(Resolution resolution) {
        openIncident(resolution.incidentId()).ifPresent(page -> {
            String component = page.componentName();
            statusPage.resolve(page, messages.resolvedTitle(component), messages.resolvedBody(component, resolution),
                    resolution.resolvedAt());
        });
    }

    /**
     * An open public incident takes the new impact and component status (no customer message); an unresolved
     * incident raised to P0/P1 without a public incident gets one now.
     *
     * @param s an event that carries the new severity
     */
    public void severityChanged(SeverityChanged s, Optional<TrackedIncident> tracked) {
        Optional<PageIncident> page = PageIncident.forIncident(s.incidentId());
        if (page.isPresent()) {
            if (page.get().isOpen()) {
                statusPage.changeSeverity(page.get(), s.current(), emergencyMode(s.current()),
                        title(page.get().componentName(), s.current()));
            }
        } else if (s.current().isHighSeverity()) {
            tracked.filter(incident -> incident.resolvedAt == null).ifPresent(this::open);
        }
    }

    /**
     * The same public incident goes back to "investigating" under its original title, with an update saying the issue
     * has returned (its component back to the severity's status, its cadence restarted). An incident that never was
     * public stays off the page.
     *
     * @return the public incident, when the incident has one
     */
    public Optional<PageIncident> reopened(Reopening reopening) {
        Optional<PageIncident> page = PageIncident.forIncident(reopening.incidentId());
        page.filter(p -> !p.isOpen()).ifPresent(p -> statusPage.reopen(p, title(p.componentName(), p.severity),
                messages.reopenedBody(interval(p))));
        return page;
    }

    /**
     * Emergency mode ({@code incident.escalated}): an open public incident's update interval is halved from now on
     * (the next update is due half an interval after the last one).
     */
    public void escalated(IncidentEscalated e) {
        if (e.emergencyMode()) openIncident(e.incidentId()).ifPresent(statusPage::enterEmergencyMode);
    }

    private PageIncident open(TrackedIncident incident) {
        Optional<PageComponent> component = components.forService(incident.service);
        String name = component.map(c -> c.name).orElse(null);
        boolean emergency = emergencyMode(incident.severity);
        Duration interval = config.updateInterval().of(incident.severity, emergency);
        return statusPage.open(incident.incidentId, incident.severity, emergency, component.orElse(null),
                title(name, incident.severity), messages.initialBody(name, issue(incident.severity), interval),
                incident.startedAt);
    }

    /**
     * Intake's emergency mode follows the severity: on when an incident becomes P0/P1 (declared or raised; its
     * {@code incident.escalated} comes right after the event that opens or changes the page, too late for the first
     * "Next update in"), off when it is lowered below P1.
     */
    private static boolean emergencyMode(Severity severity) {
        return severity.isHighSeverity();
    }

    private Duration interval(PageIncident page) {
        return page.updateInterval(config.updateInterval());
    }

    /** "<component> experiencing <issue>", the open incident's title. */
    private String title(String component, Severity severity) {
        return messages.initialTitle(component, issue(severity));
    }

    private static String issue(Severity severity) {
        return ComponentStatus.phrase(ComponentStatus.forSeverity(severity));
    }


    private static Optional<PageIncident> openIncident(String incidentId) {
        return PageIncident.forIncident(incidentId).filter(PageIncident::isOpen);
    }
}
