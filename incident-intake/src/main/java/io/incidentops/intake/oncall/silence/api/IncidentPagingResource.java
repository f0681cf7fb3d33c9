package io.incidentops.intake.oncall.silence.api;

import io.incidentops.intake.oncall.silence.PagingSuppression;
import io.incidentops.intake.oncall.silence.Silences;
import io.incidentops.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Whether, when and by which silences an incident's paging was held back. */
@Path("/api/incidents/{id}/paging-suppressions")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentPagingResource {

    @Inject
    Silences silences;

    @Inject
    Clock clock;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public SilenceViews.IncidentPaging get(@PathParam("id") String id) {
        List<PagingSuppression> all = silences.suppressionsOf(id);
        boolean suppressed = silences.heldBack(all, Instant.now(clock));
        return new SilenceViews.IncidentPaging(id, suppressed, all.stream().map(SilenceViews.Suppression::of).toList());
    }
}
