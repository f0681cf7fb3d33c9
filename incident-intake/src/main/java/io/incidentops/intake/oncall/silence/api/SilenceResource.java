package io.incidentops.intake.oncall.silence.api;

import io.incidentops.intake.oncall.silence.Silence;
import io.incidentops.intake.oncall.silence.Silences;
import io.incidentops.intake.oncall.silence.api.SilenceViews.SilenceView;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Silences and maintenance windows ({@code /api/silences}, after Alertmanager's {@code /api/v2/silences}): read by
 * viewers, written by admins (as schedules and policies). Expiring (DELETE, or POST {@code .../expire}) keeps the silence,
 * expired; the audit trail says who created and expired what, when.
 */
@Path("/api/silences")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SilenceResource {

    private static final Set<String> STATES = Set.of(Silence.ACTIVE, Silence.PENDING, Silence.EXPIRED);

    @Inject
    Silences silences;

    @Inject
    Clock clock;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public List<SilenceView> list(@QueryParam("state") String state) {
        if (state != null && !STATES.contains(state)) throw new InvalidInputException("state", "must be active, pending or expired");
        Instant now = Instant.now(clock);
        return silences.list(state).stream().map(s -> SilenceView.of(s, now)).toList();
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response create(Silences.SilenceInput body, @Context SecurityContext security, @Context UriInfo uri) {
        Silence s = silences.create(body, security.getUserPrincipal().getName());
        return Response.created(uri.getAbsolutePathBuilder().path(s.id.toString()).build())
                .entity(new SilenceViews.Created(s.id.toString())).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public SilenceView get(@PathParam("id") String id) {
        return silences.find(uuid(id)).map(s -> SilenceView.of(s, Instant.now(clock)))
                .orElseThrow(() -> notFound(id));
    }

    /** Alertmanager's way to expire. */
    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public SilenceView delete(@PathParam("id") String id, @Context SecurityContext security) {
        return expire(id, security);
    }

    @POST
    @Path("/{id}/expire")
    @Consumes(MediaType.WILDCARD) // takes no body: a bare POST (no Content-Type) must not be refused with 415
    @RolesAllowed(Roles.ADMIN)
    public SilenceView expire(@PathParam("id") String id, @Context SecurityContext security) {
        return SilenceView.of(silences.expire(uuid(id), security.getUserPrincipal().getName()), Instant.now(clock));
    }

    @GET
    @Path("/audit")
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public SilenceViews.Audit audit(@QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                    @QueryParam("limit") @DefaultValue("25") @Min(1) @Max(100) int limit) {
        return audit(null, offset, limit);
    }

    @GET
    @Path("/{id}/audit")
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public SilenceViews.Audit auditOf(@PathParam("id") String id,
                                      @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                      @QueryParam("limit") @DefaultValue("25") @Min(1) @Max(100) int limit) {
        UUID silenceId = uuid(id);
        if (silences.find(silenceId).isEmpty()) throw notFound(id);
        return audit(silenceId, offset, limit);
    }

    private SilenceViews.Audit audit(UUID silenceId, int offset, int limit) {
        List<SilenceViews.AuditEntry> entries = silences.audit(silenceId, offset, limit).stream()
                .map(SilenceViews.AuditEntry::of).toList();
        long total = silences.auditSize(silenceId);
        return new SilenceViews.Audit(entries, offset, limit, offset + entries.size() < total, total);
    }

    /** Silence IDs are UUIDs; anything else names no silence. */
    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    private static ResourceNotFoundException notFound(String id) {
        return new ResourceNotFoundException("silence " + id + " does not exist");
    }
}
