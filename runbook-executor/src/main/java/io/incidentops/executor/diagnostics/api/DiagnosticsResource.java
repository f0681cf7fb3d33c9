package io.incidentops.executor.diagnostics.api;

import io.incidentops.executor.diagnostics.DiagnosticsService;
import io.incidentops.executor.diagnostics.DiagnosticsView;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.incidentops.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** An incident's diagnostics as last collected (refreshed while it is open). */
@Path("/api/incidents/{id}/diagnostics")
@Produces(MediaType.APPLICATION_JSON)
public class DiagnosticsResource {

    @Inject
    DiagnosticsService diagnostics;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public DiagnosticsView diagnosticsOf(@PathParam("id") String incidentId) {
        return diagnostics.view(incidentId).orElseThrow(
                () -> new ResourceNotFoundException("incident " + incidentId + " is not known to the executor"));
    }
}
