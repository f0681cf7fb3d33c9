package io.incidentops.intake.oncall.api;

import io.incidentops.intake.oncall.api.OncallViews.Schedule;
import io.incidentops.intake.oncall.api.OncallViews.ScheduleBody;
import io.incidentops.intake.oncall.api.OncallViews.SwapRequestBody;
import io.incidentops.intake.oncall.api.OncallViews.SwapRequestView;
import io.incidentops.intake.oncall.people.Users;
import io.incidentops.intake.oncall.people.Validation;
import io.incidentops.intake.oncall.policy.Policies;
import io.incidentops.intake.oncall.policy.Target;
import io.incidentops.intake.oncall.schedule.ScheduleOverride;
import io.incidentops.intake.oncall.schedule.Schedules;
import io.incidentops.intake.oncall.schedule.ShiftSwaps;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Schedules with rotation layers and overrides ({@code /api/schedules}, after PagerDuty's schedules), their rendered
 * final schedule, shift swap requests and "take this shift". One class for the whole path: JAX-RS picks one root
 * resource per request, so a second class under {@code /api/schedules/{id}} would hide these.
 */
@Path("/api/schedules")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ScheduleResource {

    @Inject
    Schedules schedules;

    @Inject
    Policies policies;

    @Inject
    Users users;

    @Inject
    ShiftSwaps swaps;

    @Inject
    Clock clock;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public OncallViews.Schedules list(@QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                      @QueryParam("limit") @DefaultValue("25") @Min(1) @Max(100) int limit) {
        List<Schedule> all = schedules.list().stream().map(Schedule::of).toList();
        return new OncallViews.Schedules(OncallViews.Window.of(all, offset, limit));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public ScheduleBody get(@PathParam("id") String id) {
        return schedules.find(id).map(s -> new ScheduleBody(Schedule.of(s)))
                .orElseThrow(() -> new ResourceNotFoundException("schedule " + id + " does not exist"));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(ScheduleBody body, @Context UriInfo uri) {
        Schedule created = Schedule.of(schedules.create(input(body)));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(new ScheduleBody(created)).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public ScheduleBody replace(@PathParam("id") String id, ScheduleBody body) {
        return new ScheduleBody(Schedule.of(schedules.replace(id, input(body))));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public void delete(@PathParam("id") String id) {
        schedules.delete(id, policies.using(Target.SCHEDULE, id));
    }

    /**
     * The final schedule ({@code ?since=&until=}, ISO-8601 with offset; default the next 7 days, at most 93): who is
     * on call when, with overrides, layer precedence and restrictions applied.
     */
    @GET
    @Path("/{id}/shifts")
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public OncallViews.Shifts shifts(@PathParam("id") String id, @QueryParam("since") String since,
                                     @QueryParam("until") String until) {
        Instant from = since == null ? Instant.now(clock) : Validation.instant(since, "since");
        Instant to = until == null ? from.plus(Duration.ofDays(7)) : Validation.instant(until, "until");
        List<OncallViews.ShiftEntry> entries = schedules.shifts(id, from, to).stream()
                .map(s -> new OncallViews.ShiftEntry(OncallViews.Ref.user(users, s.userId()), s.start(), s.end())).toList();
        return new OncallViews.Shifts(entries, from, to);
    }

    /** An override: {@code {"override": {"user", "start", "end"}}}. */
    @POST
    @Path("/{id}/overrides")
    @RolesAllowed(Roles.ADMIN)
    public Response addOverride(@PathParam("id") String id, OncallViews.OverrideBody body, @Context UriInfo uri) {
        if (body == null || body.override() == null) throw new InvalidInputException("override", "is required");
        ScheduleOverride o = schedules.addOverride(id, body.override());
        return Response.created(uri.getAbsolutePathBuilder().path(o.id()).build()).entity(new OncallViews.OverrideBody(o)).build();
    }

    @DELETE
    @Path("/{id}/overrides/{overrideId}")
    @RolesAllowed(Roles.ADMIN)
    public void deleteOverride(@PathParam("id") String id, @PathParam("overrideId") String overrideId) {
        schedules.deleteOverride(id, overrideId);
    }

    @GET
    @Path("/{id}/swap-requests")
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public OncallViews.SwapRequests swapRequests(@PathParam("id") String id, @QueryParam("status") String status) {
        return new OncallViews.SwapRequests(swaps.list(id, status).stream().map(SwapRequestView::of).toList());
    }

    @GET
    @Path("/{id}/swap-requests/{requestId}")
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public SwapRequestBody swapRequest(@PathParam("id") String id, @PathParam("requestId") String requestId) {
        return new SwapRequestBody(SwapRequestView.of(swaps.find(id, requestId)));
    }

    /** The user on call throughout the window asks someone to take it; 409 if they are not. */
    @POST
    @Path("/{id}/swap-requests")
    @RolesAllowed(Roles.ADMIN)
    public Response requestSwap(@PathParam("id") String id, OncallViews.NewSwapRequestBody body, @Context UriInfo uri) {
        if (body == null || body.swapRequest() == null) throw new InvalidInputException("swap_request", "is required");
        OncallViews.NewSwapRequest in = body.swapRequest();
        SwapRequestView created = SwapRequestView.of(
                swaps.request(id, new ShiftSwaps.Window(in.requester(), in.start(), in.end()), in.description()));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(new SwapRequestBody(created)).build();
    }

    /** Another user takes the window: an override for it at once; 409 once taken, cancelled or past. */
    @POST
    @Path("/{id}/swap-requests/{requestId}/take")
    @RolesAllowed(Roles.ADMIN)
    public SwapRequestBody take(@PathParam("id") String id, @PathParam("requestId") String requestId, OncallViews.Actor body) {
        return new SwapRequestBody(SwapRequestView.of(swaps.take(id, requestId, actor(body))));
    }

    @POST
    @Path("/{id}/swap-requests/{requestId}/cancel")
    @RolesAllowed(Roles.ADMIN)
    public SwapRequestBody cancel(@PathParam("id") String id, @PathParam("requestId") String requestId, OncallViews.Actor body) {
        return new SwapRequestBody(SwapRequestView.of(swaps.cancel(id, requestId, actor(body))));
    }

    /** "Take this shift" ({@code {"user", "start", "end"}}) from whoever is on call then; 409 unless someone else is. */
    @POST
    @Path("/{id}/shifts/take")
    @RolesAllowed(Roles.ADMIN)
    public Response takeShift(@PathParam("id") String id, ShiftSwaps.Window body, @Context UriInfo uri) {
        if (body == null) throw new InvalidInputException("user", "is required");
        ScheduleOverride o = swaps.takeShift(id, body);
        return Response.created(uri.getBaseUriBuilder().path("api/schedules").path(id).path("overrides").path(o.id()).build())
                .entity(new OncallViews.OverrideBody(o)).build();
    }

    private static String actor(OncallViews.Actor body) {
        if (body == null || body.user() == null) throw new InvalidInputException("user", "is required");
        return body.user();
    }

    private static Schedules.ScheduleInput input(ScheduleBody body) {
        if (body == null || body.schedule() == null) throw new InvalidInputException("schedule", "is required");
        Schedule s = body.schedule();
        return new Schedules.ScheduleInput(s.id(), s.name(), s.timeZone(), s.scheduleLayers());
    }
}
