package io.incidentops.platform.outbox;

import io.incidentops.platform.problem.ResourceNotFoundException;
import io.incidentops.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** This service's events the broker refused for good, for admins. */
@Path("/api/admin/outbox/set-aside")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Outbox")
public class SetAsideResource {

    @Inject
    SetAsideEvents events;

    @GET
    @Operation(summary = "Events the broker refused for good, oldest first, with the reason")
    public List<SetAsideEvents.SetAsideEvent> list() {
        return events.list();
    }

    @POST
    @Path("{id}/retry")
    @Operation(summary = "Puts the event back in line for the relay (after fixing why the broker refused it)")
    public void retry(@PathParam("id") UUID id, @Context SecurityContext security) {
        if (!events.retry(id, security.getUserPrincipal().getName())) throw notFound(id);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Drops the event for good: nobody will receive it")
    public void drop(@PathParam("id") UUID id, @Context SecurityContext security) {
        if (!events.drop(id, security.getUserPrincipal().getName())) throw notFound(id);
    }

    private static ResourceNotFoundException notFound(UUID id) {
        return new ResourceNotFoundException("no outbox event " + id + " is set aside");
    }
}
