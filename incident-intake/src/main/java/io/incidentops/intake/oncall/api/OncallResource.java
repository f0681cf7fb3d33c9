package io.incidentops.intake.oncall.api;

import io.incidentops.intake.oncall.api.OncallViews.Oncall;
import io.incidentops.intake.oncall.api.OncallViews.Ref;
import io.incidentops.intake.oncall.people.Users;
import io.incidentops.intake.oncall.people.Validation;
import io.incidentops.intake.oncall.schedule.OncallSchedule;
import io.incidentops.intake.oncall.schedule.Schedules;
import io.incidentops.platform.problem.InvalidInputException;
import io.incidentops.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Who is on call ({@code GET /api/oncalls?schedule=<id>&at=<ISO date-time>}, after PagerDuty's oncalls): per schedule
 * (one, or every schedule without {@code schedule}) the user on call at {@code at} (default now) and their shift.
 */
@Path("/api/oncalls")
@Produces(MediaType.APPLICATION_JSON)
public class OncallResource {

    @Inject
    Schedules schedules;

    @Inject
    Users users;

    @Inject
    Clock clock;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public OncallViews.Oncalls list(@QueryParam("schedule") String scheduleId, @QueryParam("at") String at) {
        Instant t = at == null ? Instant.now(clock) : Validation.instant(at, "at");
        List<OncallSchedule> which = scheduleId == null ? schedules.list()
                : List.of(schedules.find(scheduleId).orElseThrow(() ->
                        new InvalidInputException("schedule", "must name an existing schedule")));
        List<Oncall> out = new ArrayList<>();
        for (OncallSchedule s : which) {
            s.onCallAt(t).ifPresent(shift -> {
                out.add(new Oncall(Ref.user(users, shift.userId()),
                        new Ref(s.id, "schedule_reference", s.name), shift.start(), shift.end()));
            });
        }
        return new OncallViews.Oncalls(out, out.size(), 0, false, out.size());
    }
}
