package io.incidentops.executor.mitigation.api;

import io.incidentops.executor.incident.IncidentDirectory;
import io.incidentops.executor.mitigation.Mitigation;
import io.incidentops.executor.mitigation.MitigationApplier;
import io.incidentops.executor.mitigation.MitigationRequest;
import io.incidentops.executor.mitigation.MitigationService;
import io.incidentops.executor.mitigation.MitigationView;
import io.incidentops.platform.problem.Problem;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.incidentops.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Mitigations of an incident (seed step 6) and the state of their recovery verification (step 7). */
@Path("/api/incidents/{id}/mitigations")
@Produces(MediaType.APPLICATION_JSON)
public class MitigationResource {

    @Inject
    MitigationApplier applier;

    @Inject
    MitigationService mitigations;

    @Inject
    IncidentDirectory incidents;

    /** 201 when the action webhook answered 2xx; 502 problem when it did not (mitigation.failed + escalation sent). */
    @POST
    @Blocking // the action webhook is a blocking HTTP call
    @RolesAllowed({Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public Response apply(@PathParam("id") String incidentId, @Valid @NotNull MitigationRequest request,
                          @Context SecurityContext security, @Context UriInfo uri) {
        Mitigation m = applier.apply(incidentId, request, security.getUserPrincipal().getName());
        URI location = uri.getAbsolutePathBuilder().path(m.id.toString()).build();
        if (m.status == Mitigation.Status.APPLIED) {
            return Response.created(location).entity(mitigations.view(m)).build();
        }
        return Response.status(Response.Status.BAD_GATEWAY).type(Problem.MEDIA)
                .entity(new Problem("about:blank", "Bad Gateway", 502, "Mitigation " + m.action + " of " + m.target
                        + " failed: " + m.detail + ". Escalation requested.", location.getPath(), List.of()))
                .build();
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public List<MitigationView> list(@PathParam("id") String incidentId) {
        if (incidents.find(incidentId).isEmpty()) {
            throw new ResourceNotFoundException("incident " + incidentId + " is not known to the executor");
        }
        return mitigations.of(incidentId);
    }

    @GET
    @Path("/{mitigationId}")
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public MitigationView get(@PathParam("id") String incidentId, @PathParam("mitigationId") String mitigationId) {
        UUID id;
        try {
            id = UUID.fromString(mitigationId);
        } catch (IllegalArgumentException e) {
            throw new ResourceNotFoundException("mitigation " + mitigationId + " does not exist");
        }
        return mitigations.find(incidentId, id)
                .orElseThrow(() -> new ResourceNotFoundException("mitigation " + mitigationId + " does not exist"));
    }
}
