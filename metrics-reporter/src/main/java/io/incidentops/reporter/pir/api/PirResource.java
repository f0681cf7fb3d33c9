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

/** The post-incident review document (Markdown); 404 when none was scheduled (P3/P4, unresolved, unknown). */
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
}
