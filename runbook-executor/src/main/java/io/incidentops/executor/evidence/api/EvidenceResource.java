package io.incidentops.executor.evidence.api;

import io.incidentops.executor.evidence.EvidenceBundle;
import io.incidentops.executor.evidence.EvidenceLog;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.incidentops.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The evidence bundle of a security incident's run, for a verifier (responders and up: it holds step notes). */
@Path("/api/incidents/{id}/evidence")
@Produces(MediaType.APPLICATION_JSON)
public class EvidenceResource {

    @Inject
    EvidenceLog evidence;

    @GET
    @RolesAllowed({Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public EvidenceBundle evidenceOf(@PathParam("id") String incidentId) {
        return evidence.bundle(incidentId).orElseThrow(
                () -> new ResourceNotFoundException("incident " + incidentId + " has no evidence log"));
    }
}
