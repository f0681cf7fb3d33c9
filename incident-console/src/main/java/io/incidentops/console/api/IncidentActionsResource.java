package io.incidentops.console.api;

import io.incidentops.console.services.CommsViews.PublicUpdate;
import io.incidentops.console.services.CommsViews.UpdateRequest;
import io.incidentops.console.services.ExecutorViews.Confirmation;
import io.incidentops.console.services.ExecutorViews.Mitigation;
import io.incidentops.console.services.ExecutorViews.MitigationPreview;
import io.incidentops.console.services.ExecutorViews.MitigationRequest;
import io.incidentops.console.services.IntakeViews;
import io.incidentops.console.services.ServiceRefusal;
import io.incidentops.console.services.api.CommsClient;
import io.incidentops.console.services.api.ExecutorClient;
import io.incidentops.console.services.api.IntakeClient;
import io.incidentops.console.signin.Caller;
import io.incidentops.console.signin.Roles;
import io.incidentops.events.model.MitigationAction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

import java.net.URI;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The incident page's forms. Each calls the owning service as the signed-in user and redirects back to the incident
 * with a message; a service's refusal is shown there as an error, except 403 (passed on as 403) and 404. Roles mirror
 * the services' own, so a viewer is refused here before any service is asked.
 */
@Path("/incidents/{id}")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.TEXT_HTML)
public class IncidentActionsResource {

    private static final Pattern SEVERITY = Pattern.compile("P[0-4]");
    private static final Pattern UUID_SHAPE = Pattern.compile("[0-9a-fA-F-]{36}");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance updatePreview(String incidentId, PublicUpdate preview, String status,
                                                     String message);

        static native TemplateInstance mitigationPreview(String incidentId, MitigationPreview preview, String action,
                                                         String target, String reason, String idempotencyKey);
    }

    @Inject
    @RestClient
    IntakeClient intake;

    @Inject
    @RestClient
    ExecutorClient executor;

    @Inject
    @RestClient
    CommsClient comms;

    @Inject
    Caller caller;

    @POST
    @Path("/acknowledge")
    @RolesAllowed({Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public Response acknowledge(@PathParam("id") String id) {
        return act(id, "Acknowledged.", () -> intake.acknowledge(caller.bearer(), id,
                new IntakeViews.Acknowledge(caller.name())));
    }

    @POST
    @Path("/severity")
    @RolesAllowed({Roles.COMMANDER, Roles.ADMIN})
    public Response severity(@PathParam("id") String id, @RestForm String severity, @RestForm String reason) {
        String value = required("severity", severity);
        if (!SEVERITY.matcher(value).matches()) throw new BadInput("severity", "must be one of P0, P1, P2, P3, P4");
        return act(id, "Severity changed to " + value + ".", () -> intake.changeSeverity(caller.bearer(), id,
                new IntakeViews.ChangeSeverity(value, optional(reason))));
    }

    @POST
    @Path("/commander")
    @RolesAllowed({Roles.COMMANDER, Roles.ADMIN})
    public Response commander(@PathParam("id") String id, @RestForm String commander) {
        String who = required("commander", commander);
        return act(id, who + " is the commander.", () -> intake.assignCommander(caller.bearer(), id,
                new IntakeViews.AssignCommander(who)));
    }

    @POST
    @Path("/responders")
    @RolesAllowed({Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public Response responder(@PathParam("id") String id, @RestForm String responder) {
        String who = required("responder", responder);
        return act(id, who + " was added and paged.", () -> intake.addResponder(caller.bearer(), id,
                new IntakeViews.AddResponder(who)));
    }

    @POST
    @Path("/resolve")
    @RolesAllowed({Roles.COMMANDER, Roles.ADMIN})
    public Response resolve(@PathParam("id") String id, @RestForm String rootCause) {
        String cause = required("rootCause", rootCause);
        return act(id, "Resolved.", () -> intake.resolve(caller.bearer(), id, new IntakeViews.Resolve(cause)));
    }

    @POST
    @Path("/reopen")
    @RolesAllowed({Roles.COMMANDER, Roles.ADMIN})
    public Response reopen(@PathParam("id") String id, @RestForm String reason) {
        String why = required("reason", reason);
        return act(id, "Reopened.", () -> intake.reopen(caller.bearer(), id, new IntakeViews.Reopen(why)));
    }

    /** Shows exactly what customers will read (comms renders it), with the button that publishes it. */
    @POST
    @Path("/updates/preview")
    @RolesAllowed({Roles.COMMANDER, Roles.ADMIN})
    public Response previewUpdate(@PathParam("id") String id, @RestForm String status, @RestForm String message) {
        UpdateRequest request = update(status, message);
        try {
            PublicUpdate preview = comms.preview(caller.bearer(), IncidentIds.checked(id), request);
            return Response.ok(Templates.updatePreview(id, preview, request.status(), request.body())).build();
        } catch (ServiceRefusal refusal) {
            return refused(id, refusal);
        }
    }

    @POST
    @Path("/updates")
    @RolesAllowed({Roles.COMMANDER, Roles.ADMIN})
    public Response publishUpdate(@PathParam("id") String id, @RestForm String status, @RestForm String message) {
        UpdateRequest request = update(status, message);
        return act(id, "Update published on the status page.", () -> comms.publish(caller.bearer(), id, request));
    }

    @POST
    @Path("/runbook-runs/{runId}/steps/{step}/confirm")
    @RolesAllowed({Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public Response confirmStep(@PathParam("id") String id, @PathParam("runId") String runId,
                                @PathParam("step") int step, @RestForm String outcome, @RestForm String note) {
        String checkedRun = uuid("runId", runId);
        String result = outcome == null ? "confirmed" : outcome.trim();
        if (!result.equals("confirmed") && !result.equals("skipped") && !result.equals("failed")) {
            throw new BadInput("outcome", "must be one of confirmed, skipped, failed");
        }
        return act(id, "Step " + step + " " + result + ".", () -> {
            executor.confirm(caller.bearer(), checkedRun, step, new Confirmation(result, optional(note)));
            return null;
        });
    }

    /** The dry run: who would carry the action out, whether it needs a commander's approval, what it would change. */
    @POST
    @Path("/mitigations/preview")
    @RolesAllowed({Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public Response previewMitigation(@PathParam("id") String id, @RestForm String action, @RestForm String target,
                                      @RestForm String reason) {
        MitigationRequest request = mitigation(action, target, reason);
        try {
            MitigationPreview preview = executor.previewMitigation(caller.bearer(), IncidentIds.checked(id), request);
            return Response.ok(Templates.mitigationPreview(id, preview, request.action(), request.target(),
                    request.reason(), UUID.randomUUID().toString())).build();
        } catch (ServiceRefusal refusal) {
            return refused(id, refusal);
        }
    }

    /** Applies (or asks approval for) the previewed action; the preview's key makes a second click a no-op. */
    @POST
    @Path("/mitigations")
    @RolesAllowed({Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public Response applyMitigation(@PathParam("id") String id, @RestForm String action, @RestForm String target,
                                    @RestForm String reason, @RestForm String idempotencyKey) {
        MitigationRequest request = mitigation(action, target, reason);
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : uuid("idempotencyKey", idempotencyKey);
        return act(id, null, () -> executor.applyMitigation(caller.bearer(), key, id, request));
    }

    @POST
    @Path("/mitigations/{mitigationId}/approve")
    @RolesAllowed({Roles.COMMANDER, Roles.ADMIN})
    public Response approveMitigation(@PathParam("id") String id, @PathParam("mitigationId") String mitigationId) {
        String checked = uuid("mitigationId", mitigationId);
        return act(id, null, () -> executor.approveMitigation(caller.bearer(), id, checked));
    }

    /** Calls the service and redirects to the incident; {@code done} null: say what became of the mitigation. */
    private Response act(String id, String done, Supplier<Object> call) {
        URI incident = incidentPage(IncidentIds.checked(id));
        try {
            Object result = call.get();
            return Flash.notice(incident, done != null ? done : mitigationOutcome(result));
        } catch (ServiceRefusal refusal) {
            return refused(id, refusal);
        } catch (ProcessingException unreachable) {
            return Flash.error(incident, "The service did not answer; nothing was changed. Try again.");
        }
    }

    /** 403 and 404 stay what they are (the error page); any other refusal is shown on the incident page. */
    private static Response refused(String id, ServiceRefusal refusal) {
        if (refusal.forbidden() || refusal.notFound()) throw refusal;
        String why = refusal.detail() != null ? refusal.detail() : refusal.service() + " answered " + refusal.status();
        return Flash.error(incidentPage(id), "Refused by " + refusal.service() + ": " + why);
    }

    private static String mitigationOutcome(Object result) {
        if (result instanceof Mitigation m) {
            return m.awaitsApproval() ? "Mitigation " + m.action() + " awaits a commander's approval."
                    : "Mitigation " + m.action() + " " + (m.status() == null ? "requested" : m.status().toLowerCase()) + ".";
        }
        return "Done.";
    }

    private static URI incidentPage(String id) {
        return URI.create("/incidents/" + id);
    }

    private static UpdateRequest update(String status, String message) {
        String s = required("status", status).toLowerCase(java.util.Locale.ROOT);
        if (!IncidentResource.UPDATE_STATUSES.contains(s)) {
            throw new BadInput("status", "must be one of " + String.join(", ", IncidentResource.UPDATE_STATUSES));
        }
        return new UpdateRequest(s, required("message", message));
    }

    private static MitigationRequest mitigation(String action, String target, String reason) {
        String a = required("action", action);
        try {
            MitigationAction.valueOf(a);
        } catch (IllegalArgumentException e) {
            throw new BadInput("action", "must be one of " + java.util.Arrays.toString(MitigationAction.values()));
        }
        return new MitigationRequest(a, optional(target), null, required("reason", reason));
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) throw new BadInput(field, "is required");
        return value.trim();
    }

    private static String optional(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String uuid(String field, String value) {
        if (value == null || !UUID_SHAPE.matcher(value).matches()) throw new BadInput(field, "must be a UUID");
        return value;
    }
}
