package io.incidentops.executor.mitigation.api;

import io.incidentops.executor.incident.IncidentDirectory;
import io.incidentops.executor.mitigation.Mitigation;
import io.incidentops.executor.mitigation.MitigationApplier;
import io.incidentops.executor.mitigation.MitigationPreview;
import io.incidentops.executor.mitigation.MitigationRequest;
import io.incidentops.executor.mitigation.MitigationService;
import io.incidentops.executor.mitigation.MitigationView;
import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.problem.InvalidInputException;
import io.incidentops.platform.problem.Problem;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.incidentops.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import java.util.regex.Pattern;

/** Mitigations of an incident (seed step 6) and the state of their recovery verification (step 7). */
@Path("/api/incidents/{id}/mitigations")
@Produces(MediaType.APPLICATION_JSON)
public class MitigationResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern IDEMPOTENCY_KEY_SHAPE = Pattern.compile("[\\x21-\\x7E]{1,255}");

    @Inject
    MitigationApplier applier;

    @Inject
    MitigationService mitigations;

    @Inject
    IncidentDirectory incidents;

    /**
     * 201 when the action was applied; 202 when it awaits a commander's approval; 502 problem when the action failed
     * (mitigation.failed + escalation sent). With an {@code Idempotency-Key} (per caller), a retry gets the mitigation
     * the first request recorded, as it is now, and nothing is carried out again (409 while it has no outcome yet).
     */
    @POST
    @Blocking // the action webhook and the Kubernetes API are blocking calls
    @RolesAllowed({Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public Response apply(@PathParam("id") String incidentId, @Valid @NotNull MitigationRequest request,
                          @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
                          @Context SecurityContext security, @Context UriInfo uri) {
        String user = security.getUserPrincipal().getName();
        MitigationService.Attempt attempt = applier.apply(incidentId, request, user, attemptKey(user, idempotencyKey));
        Mitigation m = attempt.mitigation();
        URI location = uri.getAbsolutePathBuilder().path(m.id.toString()).build();
        if (m.status == Mitigation.Status.AWAITING_APPROVAL) {
            return Response.accepted(mitigations.view(m)).location(location).build();
        }
        if (!attempt.recordedNow() && m.status == Mitigation.Status.REQUESTED) {
            throw new ConflictException("mitigation " + m.id + " of this Idempotency-Key is being carried out: retry later");
        }
        if (m.status == Mitigation.Status.REJECTED) return Response.ok(mitigations.view(m)).location(location).build();
        return outcome(m, location, true);
    }

    /** The caller's key as the attempt's: one caller's keys never meet another's. */
    private static String attemptKey(String user, String key) {
        if (key == null) return null;
        if (!IDEMPOTENCY_KEY_SHAPE.matcher(key).matches()) {
            throw new InvalidInputException(IDEMPOTENCY_KEY, "1 to 255 visible ASCII characters");
        }
        return "api:" + user + ":" + key;
    }

    /** The dry run of a request: what it would change and whether it would wait for approval; nothing is recorded. */
    @POST
    @Path("/preview")
    @Blocking
    @RolesAllowed({Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public MitigationPreview preview(@PathParam("id") String incidentId, @Valid @NotNull MitigationRequest request) {
        return applier.preview(incidentId, request);
    }

    /**
     * A commander approves a mitigation that awaits it: 200 applied, 502 failed; 409 problem when it awaits nothing (a
     * second approval, or a rejected one): approving carries the action out, so a caller must learn theirs did not.
     */
    @POST
    @Path("/{mitigationId}/approve")
    @Blocking
    @RolesAllowed({Roles.COMMANDER, Roles.ADMIN})
    public Response approve(@PathParam("id") String incidentId, @PathParam("mitigationId") String mitigationId,
                            @Context SecurityContext security, @Context UriInfo uri) {
        Mitigation m = applier.approve(incidentId, id(mitigationId), security.getUserPrincipal().getName(),
                Mitigation.VIA_API);
        return outcome(m, uri.getBaseUriBuilder().path("api/incidents").path(incidentId).path("mitigations")
                .path(m.id.toString()).build(), false);
    }

    /**
     * A commander rejects a mitigation that awaits approval: 200 with it REJECTED (never carried out); 409 when it
     * awaits nothing (a second rejection included); 400 without a reason.
     */
    @POST
    @Path("/{mitigationId}/reject")
    @RolesAllowed({Roles.COMMANDER, Roles.ADMIN})
    public MitigationView reject(@PathParam("id") String incidentId, @PathParam("mitigationId") String mitigationId,
                                 @Valid @NotNull RejectRequest request, @Context SecurityContext security) {
        return mitigations.view(mitigations.reject(incidentId, id(mitigationId), security.getUserPrincipal().getName(),
                Mitigation.VIA_API, request.reason()));
    }

    /** Undoes an applied Kubernetes action (scale back, remove the NetworkPolicy, roll forward); 409 when it cannot. */
    @POST
    @Path("/{mitigationId}/undo")
    @Blocking
    @RolesAllowed({Roles.COMMANDER, Roles.ADMIN})
    public Response undo(@PathParam("id") String incidentId, @PathParam("mitigationId") String mitigationId,
                         @Context SecurityContext security) {
        Mitigation m = applier.undo(incidentId, id(mitigationId), security.getUserPrincipal().getName());
        if (m.undoState == Mitigation.UndoState.DONE) return Response.ok(mitigations.view(m)).build();
        return Response.status(Response.Status.BAD_GATEWAY).type(Problem.MEDIA)
                .entity(new Problem("about:blank", "Bad Gateway", 502, "Undo of " + m.action + " of " + m.target
                        + " failed: " + m.undoDetail, null, List.of()))
                .build();
    }

    /** Applied: 201 with the new mitigation's location ({@code created}), else 200; failed: 502 problem. */
    private Response outcome(Mitigation m, URI location, boolean created) {
        if (m.status == Mitigation.Status.APPLIED) {
            return (created ? Response.created(location) : Response.ok()).entity(mitigations.view(m)).build();
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
        return mitigations.find(incidentId, id(mitigationId))
                .orElseThrow(() -> new ResourceNotFoundException("mitigation " + mitigationId + " does not exist"));
    }

    private static UUID id(String mitigationId) {
        try {
            return UUID.fromString(mitigationId);
        } catch (IllegalArgumentException e) {
            throw new ResourceNotFoundException("mitigation " + mitigationId + " does not exist");
        }
    }
}
