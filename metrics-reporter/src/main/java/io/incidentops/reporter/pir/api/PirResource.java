package io.incidentops.reporter.pir.api;

import io.incidentops.platform.problem.ResourceNotFoundException;
import io.incidentops.platform.security.Roles;
import io.incidentops.reporter.pir.PirService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/**
 * The post-incident review document (Markdown) and its calendar invite (iCalendar, the same one that is mailed);
 * 404 when none was scheduled (P3/P4, unresolved or reopened, unknown).
 */
@Path("/api/incidents/{id}/pir")
@RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
public class PirResource {

    @Inject
    PirService pir;

    @GET
    @Produces("text/markdown;charset=UTF-8")
    public String get(@PathParam("id") String id) {
        return pir.markdown(id).orElseThrow(() -> new ResourceNotFoundException(
                "No post-incident review for incident " + id + "."));
    }

    @GET
    @Path("invite.ics")
    @Produces("text/calendar;charset=UTF-8")
    public Response invite(@PathParam("id") String id) {
        String calendar = pir.calendar(id).orElseThrow(() -> new ResourceNotFoundException(
                "No post-incident review invite for incident " + id + "."));
        return Response.ok(calendar).header("Content-Disposition", "attachment; filename=\"pir-invite.ics\"").build();
    }
}
