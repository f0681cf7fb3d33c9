package io.incidentops.intake.incident.api;

import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.Severity;
import io.incidentops.intake.alerts.AlertNormalizer;
import io.incidentops.intake.alerts.GenericAlert;
import io.incidentops.intake.declaration.AlertIngest;
import io.incidentops.intake.integrations.Integration;
import io.incidentops.intake.declaration.AlertIntake;
import io.incidentops.intake.incident.Incident;
import io.incidentops.intake.incident.IncidentCrew;
import io.incidentops.intake.incident.IncidentLifecycle;
import io.incidentops.intake.incident.IncidentQueries;
import io.incidentops.platform.problem.InvalidInputException;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.incidentops.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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

import java.util.Locale;

/**
 * Incidents: read them, declare one by hand, drive the lifecycle (acknowledge, status, severity, resolve) and change
 * who works them (commander, responders).
 */
@Path("/api/incidents")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {

    static final String MANUAL = "manual";

    @Inject
    IncidentQueries queries;

    @Inject
    IncidentLifecycle lifecycle;

    @Inject
    IncidentCrew crew;

    @Inject
    AlertNormalizer normalizer;

    @Inject
    AlertIngest ingest;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public IncidentRequests.Page<IncidentView> list(@QueryParam("status") String status,
                                                    @QueryParam("open") @DefaultValue("false") boolean open,
                                                    @QueryParam("severity") String severity,
                                                    @QueryParam("service") @Size(max = 255) String service,
                                                    @QueryParam("team") @Size(max = 255) String team,
                                                    @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
                                                    @QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
        var filter = new IncidentQueries.Filter(blank(status) ? null : parseStatus(status), open,
                blank(severity) ? null : parseSeverity(severity), blank(service) ? null : service.trim(),
                blank(team) ? null : team.trim());
        IncidentQueries.Slice slice = queries.list(filter, page, size);
        return new IncidentRequests.Page<>(slice.items().stream().map(IncidentView::of).toList(), page, size, slice.total());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public IncidentView get(@PathParam("id") String id) {
        return queries.find(id).map(IncidentView::of)
                .orElseThrow(() -> new ResourceNotFoundException("incident " + id + " does not exist"));
    }

    /**
     * The incident's alerts, the most recently changed first. Repeats may be up to the count-flush interval behind
     * (an unchanged repeat is counted in memory first).
     */
    @GET
    @Path("/{id}/alerts")
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public IncidentRequests.Page<IncidentAlertView> alerts(@PathParam("id") String id,
                                                          @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
                                                          @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        Incident incident = queries.find(id)
                .orElseThrow(() -> new ResourceNotFoundException("incident " + id + " does not exist"));
        return new IncidentRequests.Page<>(queries.alerts(id, page, size).stream().map(IncidentAlertView::of).toList(),
                page, size, incident.alertCount);
    }

    /** Manual declaration: 201 with Location when declared, 200 when it matched an open incident (attached). */
    @POST
    @RolesAllowed({Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public Response declare(@Valid @NotNull GenericAlert alert, @Context UriInfo uri) {
        AlertIntake.Outcome outcome = ingest.ingest(Integration.responders(), normalizer.fromGeneric(alert, MANUAL));
        var location = uri.getAbsolutePathBuilder().path(outcome.incidentId()).build();
        if (AlertIntake.DECLARED.equals(outcome.outcome())) {
            return Response.created(location).entity(outcome).build();
        }
        return Response.ok(outcome).location(location).build();
    }

    /** First acknowledgement: 200 with the incident; a repeat is 200 too, with no new event. */
    @POST
    @Path("/{id}/acknowledge")
    @RolesAllowed({Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public IncidentView acknowledge(@PathParam("id") String id, @Valid IncidentRequests.Acknowledge body,
                                    @Context SecurityContext security) {
        String responder = body != null && body.responder() != null && !body.responder().isBlank()
                ? body.responder().trim() : security.getUserPrincipal().getName();
        lifecycle.acknowledge(id, responder);
        return get(id);
    }

    @POST
    @Path("/{id}/status")
    @RolesAllowed({Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public IncidentView reportStatus(@PathParam("id") String id, @Valid @NotNull IncidentRequests.ReportStatus body) {
        lifecycle.reportStatus(id, parseStatus(body.status()), body.note(), body.rootCause());
        return get(id);
    }

    @POST
    @Path("/{id}/severity")
    @RolesAllowed({Roles.COMMANDER, Roles.ADMIN})
    public IncidentView changeSeverity(@PathParam("id") String id, @Valid @NotNull IncidentRequests.ChangeSeverity body,
                                       @Context SecurityContext security) {
        lifecycle.changeSeverity(id, parseSeverity(body.severity()), body.reason(), security.getUserPrincipal().getName());
        return get(id);
    }

    @POST
    @Path("/{id}/resolve")
    @RolesAllowed({Roles.COMMANDER, Roles.ADMIN})
    public IncidentView resolve(@PathParam("id") String id, @Valid @NotNull IncidentRequests.Resolve body,
                                @Context SecurityContext security) {
        lifecycle.resolve(id, body.rootCause(), security.getUserPrincipal().getName());
        return get(id);
    }

    /** RESOLVED → INVESTIGATING with a reason: the same incident, the same people paged again. */
    @POST
    @Path("/{id}/reopen")
    @RolesAllowed({Roles.COMMANDER, Roles.ADMIN})
    public IncidentView reopen(@PathParam("id") String id, @Valid @NotNull IncidentRequests.Reopen body,
                               @Context SecurityContext security) {
        lifecycle.reopen(id, body.reason().trim(), security.getUserPrincipal().getName());
        return get(id);
    }

    /** Hands the incident to another commander (a user of the directory). */
    @POST
    @Path("/{id}/commander")
    @RolesAllowed({Roles.COMMANDER, Roles.ADMIN})
    public IncidentView assignCommander(@PathParam("id") String id, @Valid @NotNull IncidentRequests.AssignCommander body) {
        crew.assignCommander(id, body.commander());
        return get(id);
    }

    /** Adds a user of the directory to the responders and pages them at once; a repeat changes nothing. */
    @POST
    @Path("/{id}/responders")
    @RolesAllowed({Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public IncidentView addResponder(@PathParam("id") String id, @Valid @NotNull IncidentRequests.AddResponder body,
                                     @Context SecurityContext security) {
        crew.addResponder(id, body.responder(), security.getUserPrincipal().getName());
        return get(id);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static Severity parseSeverity(String value) {
        try {
            return Severity.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("severity", e.getMessage());
        }
    }

    private static IncidentStatus parseStatus(String value) {
        try {
            return IncidentStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "unknown status '" + value + "', expected one of "
                    + java.util.Arrays.toString(IncidentStatus.values()));
        }
    }
}
