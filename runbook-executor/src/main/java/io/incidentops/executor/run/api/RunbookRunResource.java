package io.incidentops.executor.run.api;

import io.incidentops.executor.incident.IncidentDirectory;
import io.incidentops.executor.run.RunView;
import io.incidentops.executor.run.RunbookRunService;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.incidentops.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.util.List;
import java.util.UUID;

/** Runbook runs: read them per incident, confirm their manual steps. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class RunbookRunResource {

    @Inject
    RunbookRunService runs;

    @Inject
    IncidentDirectory incidents;

    /** {@code outcome}: confirmed (done, as written), skipped (not applicable), failed (could not be done). */
    public record Confirmation(
            @NotNull @Pattern(regexp = "confirmed|skipped|failed", message = "must be one of confirmed, skipped, failed") String outcome,
            @Size(max = 4000) String note) {
    }

    @GET
    @Path("/incidents/{id}/runbook-runs")
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public List<RunView> runsOf(@PathParam("id") String incidentId) {
        if (incidents.find(incidentId).isEmpty()) {
            throw new ResourceNotFoundException("incident " + incidentId + " is not known to the executor");
        }
        return runs.runsOf(incidentId);
    }

    @POST
    @Path("/runbook-runs/{runId}/steps/{step}/confirm")
    @RolesAllowed({Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public RunView.StepView confirm(@PathParam("runId") String runId, @PathParam("step") int step,
                                    @Valid @NotNull Confirmation confirmation, @Context SecurityContext security) {
        UUID id;
        try {
            id = UUID.fromString(runId);
        } catch (IllegalArgumentException e) {
            throw new ResourceNotFoundException("runbook run " + runId + " does not exist");
        }
        return runs.confirm(id, step, confirmation.outcome(), confirmation.note(), security.getUserPrincipal().getName());
    }
}
