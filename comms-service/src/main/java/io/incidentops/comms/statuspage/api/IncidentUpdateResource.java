package io.incidentops.comms.statuspage.api;

import io.incidentops.comms.statuspage.CommanderUpdates;
import io.incidentops.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.net.URI;

/**
 * The commander's public updates of an incident ({@code {id}} is the IncidentOps incident ID), with the roles that
 * may change an incident's course elsewhere (intake's severity and resolution): commander and admin.
 */
@Path("/api/incidents/{id}/updates")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.COMMANDER, Roles.ADMIN})
public class IncidentUpdateResource {

    /**
     * {@code status}: a Statuspage incident status; {@code body}: the text customers read (plain text, line breaks
     * allowed, no other control characters).
     */
    public record UpdateRequest(
            @NotBlank @Pattern(regexp = "investigating|identified|monitoring|resolved",
                    message = "must be one of investigating, identified, monitoring, resolved") String status,
            @NotBlank @Size(max = 2000) @Pattern(regexp = "[\\P{Cntrl}\\r\\n\\t]*",
                    message = "must be text without control characters other than line breaks") String body) {
    }

    @Inject
    CommanderUpdates updates;

    @POST
    public Response post(@PathParam("id") String id, @NotNull @Valid UpdateRequest request,
                         @Context SecurityContext security) {
        CommanderUpdates.Published published = updates.publish(id, request.status(), request.body(),
                security.getUserPrincipal().getName());
        return Response.created(URI.create(published.update().shortlink())).entity(published).build();
    }

    /** Exactly what {@link #post} would publish, stored nowhere. */
    @POST
    @Path("/preview")
    public CommanderUpdates.PublicUpdate preview(@PathParam("id") String id, @NotNull @Valid UpdateRequest request) {
        return updates.preview(id, request.status(), request.body());
    }
}
