package io.incidentops.comms.paging.api;

import io.incidentops.comms.paging.PageDelivery;
import io.incidentops.comms.paging.Pages;
import io.incidentops.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;

/** The pages, update reminders and PIR invites of an incident and their delivery ({@code GET /api/incidents/{id}/notifications}), oldest first. */
@Path("/api/incidents/{id}/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class PageResource {

    /** One message ({@code purpose} page, update-reminder or pir-invite); the subject and body stay out (they quote alert text and hold the ack link). */
    public record PageView(String id, String incidentId, String purpose, String stepId, int rule, int pass,
                           String userId, String channel, String target, String urgency, String status, int attempts,
                           String lastError, String provider, String providerId, String receipt, Instant createdAt,
                           Instant sentAt) {
        static PageView of(PageDelivery p) {
            return new PageView(p.id.toString(), p.incidentId, p.purpose, p.stepId, p.rule, p.pass, p.userId,
                    p.channel, p.address, p.urgency, p.status, p.attempts, p.lastError, p.provider, p.providerId, p.receipt, p.createdAt, p.sentAt);
        }
    }

    public record PageList(List<PageView> notifications) {
    }

    @Inject
    Pages pages;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public PageList list(@PathParam("id") String incidentId) {
        return new PageList(pages.ofIncident(incidentId).stream().map(PageView::of).toList());
    }
}
