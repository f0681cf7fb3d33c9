package io.incidentops.comms.statuspage;

import io.incidentops.comms.incident.TrackedIncident;
import io.incidentops.comms.messages.Messages;
import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.problem.ResourceNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * A commander's own public update of an incident: a Statuspage status and their text, rendered by the same
 * templates as every public message. The preview and the published update are made by one method, so the preview is
 * exactly what customers will read.
 */
@ApplicationScoped
@Transactional
public class CommanderUpdates {

    /** What customers will read: the incident's title after the update, its status and the update's body. */
    public record PublicUpdate(String incidentId, String pageIncidentId, String shortlink, String name, String status,
                               String body) {
    }

    /** A published update, with who posted it (kept internal). */
    public record Published(String id, PublicUpdate update, String postedBy, Instant createdAt) {
    }

    @Inject
    StatusPageService statusPage;

    @Inject
    Messages messages;

    /** Renders the update without storing anything. */
    public PublicUpdate preview(String incidentId, String status, String text) {
        return draft(publicIncident(incidentId, status), status, text);
    }

    /** Posts the update: on the page, in the JSON and the feed, announced, and the update cadence restarted. */
    public Published publish(String incidentId, String status, String text, String postedBy) {
        PageIncident page = publicIncident(incidentId, status);
        PublicUpdate draft = draft(page, status, text);
        IncidentUpdate update = statusPage.publish(page, status, draft.name(), draft.body(), postedBy);
        return new Published(update.id, draft, postedBy, update.createdAt);
    }

    private PublicUpdate draft(PageIncident page, String status, String text) {
        boolean resolves = PageIncident.RESOLVED.equals(status) && page.isOpen();
        String name = resolves ? messages.resolvedTitle(page.componentName()) : page.name;
        return new PublicUpdate(page.incidentId, page.id, page.shortlink, name, status, messages.commanderBody(text));
    }

    /** 404 for an unknown incident; 409 for one with no public incident, or a resolved one told anything but resolved. */
    private static PageIncident publicIncident(String incidentId, String status) {
        PageIncident page = PageIncident.forIncident(incidentId).orElseThrow(() ->
                TrackedIncident.findById(incidentId) == null
                        ? new ResourceNotFoundException("incident " + incidentId + " does not exist")
                        : new ConflictException("incident " + incidentId + " has no public status-page incident "
                        + "(only P0/P1 incidents are public)"));
        if (!page.isOpen() && !PageIncident.RESOLVED.equals(status)) {
            throw new ConflictException("the public incident of " + incidentId + " is resolved: only a 'resolved' "
                    + "update can be added");
        }
        return page;
    }
}
