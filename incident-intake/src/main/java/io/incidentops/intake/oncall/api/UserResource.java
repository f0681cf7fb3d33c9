package io.incidentops.intake.oncall.api;

import io.incidentops.intake.oncall.api.OncallViews.User;
import io.incidentops.intake.oncall.api.OncallViews.UserBody;
import io.incidentops.intake.oncall.people.Users;
import io.incidentops.intake.oncall.policy.Policies;
import io.incidentops.intake.oncall.policy.Target;
import io.incidentops.intake.oncall.schedule.Schedules;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** People who can be paged ({@code /api/users}, after PagerDuty's users with contact methods and notification rules). */
@Path("/api/users")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    @Inject
    Users users;

    @Inject
    Schedules schedules;

    @Inject
    Policies policies;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public OncallViews.Users list(@QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                  @QueryParam("limit") @DefaultValue("25") @Min(1) @Max(100) int limit) {
        List<User> all = users.list().stream().map(User::of).toList();
        return new OncallViews.Users(OncallViews.Window.of(all, offset, limit));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public UserBody get(@PathParam("id") String id) {
        return users.find(id).map(u -> new UserBody(User.of(u)))
                .orElseThrow(() -> new ResourceNotFoundException("user " + id + " does not exist"));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(UserBody body, @Context UriInfo uri) {
        User created = User.of(users.create(input(body)));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(new UserBody(created)).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public UserBody replace(@PathParam("id") String id, UserBody body) {
        return new UserBody(User.of(users.replace(id, input(body))));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public void delete(@PathParam("id") String id) {
        Set<String> usedBy = new LinkedHashSet<>(schedules.usingUser(id));
        usedBy.addAll(policies.using(Target.USER, id));
        users.delete(id, usedBy);
    }

    private static Users.UserInput input(UserBody body) {
        if (body == null || body.user() == null) throw new InvalidInputException("user", "is required");
        User u = body.user();
        return new Users.UserInput(u.id(), u.name(), u.email(), u.timeZone(),
                u.contactMethods() == null ? null : new ArrayList<>(u.contactMethods()), u.notificationRules());
    }
}
