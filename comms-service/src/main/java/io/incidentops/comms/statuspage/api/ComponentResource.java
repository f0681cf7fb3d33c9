package io.incidentops.comms.statuspage.api;

import io.incidentops.comms.statuspage.ComponentView;
import io.incidentops.comms.statuspage.PublicComponents;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.incidentops.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

import java.util.List;

/**
 * The public components, managed by operators: which components the page shows and which internal services each
 * one stands for. Anyone logged in may read them; only admins change them (what customers see).
 */
@Path("/api/components")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ComponentResource {

    @Inject
    PublicComponents components;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public List<ComponentView> list() {
        return components.list();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public ComponentView get(@PathParam("id") String id) {
        return components.get(id).orElseThrow(() -> new ResourceNotFoundException("component " + id + " does not exist"));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(@NotNull @Valid ComponentRequests.Create body, @Context UriInfo uri) {
        ComponentView created = components.create(body.name(), body.description(), body.services());
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build();
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public ComponentView update(@PathParam("id") String id, @NotNull @Valid ComponentRequests.Update body) {
        return components.update(id, body.name(), body.description());
    }

    @PUT
    @Path("/{id}/services")
    @RolesAllowed(Roles.ADMIN)
    public ComponentView services(@PathParam("id") String id, @NotNull @Valid ComponentRequests.Services body) {
        return components.setServices(id, body.services());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("id") String id) {
        components.delete(id);
        return Response.noContent().build();
    }
}
