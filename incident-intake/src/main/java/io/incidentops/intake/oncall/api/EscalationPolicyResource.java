package io.incidentops.intake.oncall.api;

import io.incidentops.intake.oncall.api.OncallViews.Policy;
import io.incidentops.intake.oncall.api.OncallViews.PolicyBody;
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

/** Escalation policies ({@code /api/escalation-policies}, after PagerDuty's). */
@Path("/api/escalation-policies")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class EscalationPolicyResource {

    @Inject
    Policies policies;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public OncallViews.Policies list(@QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                     @QueryParam("limit") @DefaultValue("25") @Min(1) @Max(100) int limit) {
        List<Policy> all = policies.list().stream().map(Policy::of).toList();
        return new OncallViews.Policies(OncallViews.Window.of(all, offset, limit));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public PolicyBody get(@PathParam("id") String id) {
        return policies.find(id).map(p -> new PolicyBody(Policy.of(p)))
                .orElseThrow(() -> new ResourceNotFoundException("escalation policy " + id + " does not exist"));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(PolicyBody body, @Context UriInfo uri) {
        Policy created = Policy.of(policies.create(input(body)));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(new PolicyBody(created)).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public PolicyBody replace(@PathParam("id") String id, PolicyBody body) {
        return new PolicyBody(Policy.of(policies.replace(id, input(body))));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public void delete(@PathParam("id") String id) {
        policies.delete(id);
    }

    private static Policies.PolicyInput input(PolicyBody body) {
        if (body == null || body.escalationPolicy() == null) throw new InvalidInputException("escalation_policy", "is required");
        Policy p = body.escalationPolicy();
        return new Policies.PolicyInput(p.id(), p.name(), p.escalationRules(), p.numLoops());
    }
}
