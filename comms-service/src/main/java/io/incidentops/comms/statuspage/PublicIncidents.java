package io.incidentops.comms.statuspage;

import io.incidentops.comms.incident.Resolution;
import io.incidentops.comms.incident.TrackedIncident;
import io.incidentops.comms.messages.Messages;
import io.incidentops.events.intake.IncidentReopened;
import io.incidentops.events.intake.SeverityChanged;
import io.incidentops.events.intake.StatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * What customers see of an incident: a P0/P1 gets a public status-page incident, which then follows the incident's
 * status, severity, resolution and reopening. Lower severities stay off the page unless raised to P0/P1.
 */
@ApplicationScoped
public class PublicIncidents {

    @Inject
    StatusPageService statusPage;

    @Inject
    Messages messages;

    /** @return the public incident "investigating" of a P0/P1 (seed step 3); empty for lower severities */
    public Optional<PageIncident> declared(TrackedIncident incident) {
        return incident.severity.isHighSeverity() ? Optional.of(open(incident)) : Optional.empty();
    }

    /**
     * IDENTIFIED or MITIGATING → identified, MONITORING → monitoring, back to INVESTIGATING → investigating; only on
     * an open public incident, only when its status really changes.
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
                    statusPage.update(page, PageIncident.IDENTIFIED, messages.identifiedBody());
                }
                break;
            case MONITORING:
                if (!PageIncident.MONITORING.equals(page.status)) {
                    statusPage.update(page, PageIncident.MONITORING, messages.monitoringBody());
                }
                break;
            case INVESTIGATING:
                if (!PageIncident.INVESTIGATING.equals(page.status)) {
                    statusPage.update(page, PageIncident.INVESTIGATING, messages.investigatingBody());
                }
                break;
            default:
                // DECLARED adds nothing; RESOLVED arrives with incident.resolved and its root cause
                break;
        }
    }

    /** The open public incident becomes "resolved" under its resolution title (seed step 8). */
    public void resolved(Resolution resolution) {
        openIncident(resolution.incidentId()).ifPresent(page -> statusPage.resolve(page,
                messages.resolvedTitle(resolution), messages.resolvedBody(resolution), resolution.resolvedAt()));
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
            if (page.get().isOpen()) statusPage.changeSeverity(page.get(), s.current());
        } else if (s.current().isHighSeverity()) {
            tracked.filter(incident -> incident.resolvedAt == null).ifPresent(this::open);
        }
    }

    /** A resolved public incident goes back to "investigating" under its original title. */
    public void reopened(IncidentReopened r, Optional<TrackedIncident> tracked) {
        PageIncident.forIncident(r.incidentId()).filter(page -> !page.isOpen()).ifPresent(page ->
                statusPage.reopen(page, tracked.map(messages::initialTitle).orElse(page.name), messages.reopenedBody()));
    }

    private PageIncident open(TrackedIncident incident) {
        return statusPage.open(incident.incidentId, incident.severity, incident.serviceName(),
                messages.initialTitle(incident), messages.initialBody(incident), incident.startedAt);
    }

    private static Optional<PageIncident> openIncident(String incidentId) {
        return PageIncident.forIncident(incidentId).filter(PageIncident::isOpen);
    }
}
