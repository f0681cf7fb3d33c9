package io.incidentops.comms.warroom.api;

import io.incidentops.comms.warroom.WarRoom;
import io.incidentops.comms.warroom.WarRoomMember;
import io.incidentops.comms.warroom.WarRooms;
import io.incidentops.platform.problem.ResourceNotFoundException;
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

/** An incident's war room on Slack and how far comms got with it ({@code GET /api/incidents/{id}/war-room}). */
@Path("/api/incidents/{id}/war-room")
@Produces(MediaType.APPLICATION_JSON)
public class WarRoomResource {

    public record WarRoomView(String incidentId, String platform, String name, String requestedName, String status,
                              String channelId, String url, String videoUrl, String documentUrl, boolean summaryPinned,
                              List<WarRoomMember> members, Instant archiveDueAt, int attempts, String lastError,
                              Instant openedAt, Instant createdAt, Instant archivedAt) {
        static WarRoomView of(WarRoom w, List<WarRoomMember> members) {
            return new WarRoomView(w.incidentId, "slack", w.name, w.requestedName, w.status, w.channelId, w.url,
                    w.videoUrl, w.documentUrl, w.pinned, members, w.archiveDueAt, w.attempts, w.lastError, w.openedAt,
                    w.createdAt, w.archivedAt);
        }
    }

    @Inject
    WarRooms warRooms;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public WarRoomView get(@PathParam("id") String incidentId) {
        return warRooms.of(incidentId).map(w -> WarRoomView.of(w, warRooms.members(incidentId)))
                .orElseThrow(() -> new ResourceNotFoundException("no war room for incident " + incidentId));
    }
}
