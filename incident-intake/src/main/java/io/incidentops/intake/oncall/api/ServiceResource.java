package io.incidentops.intake.oncall.api;

import io.incidentops.intake.oncall.api.OncallViews.Service;
import io.incidentops.intake.oncall.api.OncallViews.ServiceBody;
import io.incidentops.intake.oncall.policy.Policies;
import io.incidentops.platform.problem.InvalidInputException;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.incidentops.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * Services and their escalation policy ({@code /api/services}, after PagerDuty's): an incident whose {@code service}
 * is {@code name} (case-insensitive) pages through that policy. The name is the ID.
 */
@Path("/api/services")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ServiceResource {

    @Inject
    Policies policies;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public OncallViews.Services list(@QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                     @QueryParam("limit") @DefaultValue("25") @Min(1) @Max(100) int limit) {
        List<Service> all = policies.services().stream().map(Service::of).toList();
        return new OncallViews.Services(OncallViews.Window.of(all, offset, limit));
    }

    @GET
    @Path("/{name}")
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public ServiceBody get(@PathParam("name") String name) {
        return policies.service(name).map(s -> new ServiceBody(Service.of(s)))
                .orElseThrow(() -> new ResourceNotFoundException("service " + name + " is not mapped"));
    }

    /** Maps a service to a policy (201), or remaps it. */
    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(ServiceBody body, @Context UriInfo uri) {
        if (body == null || body.service() == null) throw new InvalidInputException("service", "is required");
        Service s = Service.of(policies.mapService(body.service().name(), body.service().escalationPolicyId()));
        return Response.created(uri.getAbsolutePathBuilder().path(s.id()).build()).entity(new ServiceBody(s)).build();
    }

    @PUT
    @Path("/{name}")
    @RolesAllowed(Roles.ADMIN)
    public ServiceBody replace(@PathParam("name") String name, ServiceBody body) {
        if (body == null || body.service() == null) throw new InvalidInputException("service", "is required");
        return new ServiceBody(Service.of(policies.mapService(name, body.service().escalationPolicyId())));
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed(Roles.ADMIN)
    public void delete(@PathParam("name") String name) {
        policies.unmapService(name);
    }
}
