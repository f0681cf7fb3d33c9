package io.incidentops.console.api;

import io.incidentops.console.config.ConsoleConfig;
import io.incidentops.console.services.ExecutorViews.Diagnostics;
import io.incidentops.console.services.ExecutorViews.Mitigation;
import io.incidentops.console.services.ExecutorViews.Run;
import io.incidentops.console.services.IntakeViews.Alert;
import io.incidentops.console.services.IntakeViews.Incident;
import io.incidentops.console.services.ReporterViews.Entry;
import io.incidentops.console.services.api.ExecutorClient;
import io.incidentops.console.services.api.IntakeClient;
import io.incidentops.console.services.api.ReporterClient;
import io.incidentops.console.signin.Caller;
import io.incidentops.console.signin.Roles;
import io.incidentops.events.model.MitigationAction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.Arrays;
import java.util.List;

/**
 * {@code GET /incidents/{id}}: everything about one incident on one page (intake's facts and alerts, the executor's
 * diagnostics, runbook and mitigations, the reporter's timeline), with the actions the caller's roles allow; and the
 * incident's report and PIR to read or download.
 */
@Path("/incidents/{id}")
@RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
public class IncidentResource {

    static final int ALERTS_SHOWN = 50;
    static final List<String> UPDATE_STATUSES = List.of("investigating", "identified", "monitoring", "resolved");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance incident(Incident incident, Flash.Message flash, Section<List<Alert>> alerts,
                                                Section<Diagnostics> diagnostics, Section<List<Run>> runs,
                                                Section<List<Mitigation>> mitigations, Section<List<Entry>> timeline,
                                                List<String> severities, List<String> updateStatuses,
                                                List<MitigationAction> mitigationActions, String statusPageUrl);

        static native TemplateInstance document(Incident incident, String kind, String title, String markdown);
    }

    @Inject
    @RestClient
    IntakeClient intake;

    @Inject
    @RestClient
    ExecutorClient executor;

    @Inject
    @RestClient
    ReporterClient reporter;

    @Inject
    Caller caller;

    @Inject
    ConsoleConfig config;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@PathParam("id") String id, @CookieParam(Flash.COOKIE) String flashCookie) {
        String bearer = caller.bearer();
        Incident incident = intake.incident(bearer, IncidentIds.checked(id));
        Section<List<Alert>> alerts = Section.load(() -> intake.alerts(bearer, id, ALERTS_SHOWN).items(),
                "No alerts recorded.");
        Section<Diagnostics> diagnostics = Section.load(() -> executor.diagnostics(bearer, id),
                "The executor has not seen this incident yet.");
        Section<List<Run>> runs = Section.load(() -> executor.runs(bearer, id), "No runbook run yet.");
        Section<List<Mitigation>> mitigations = Section.load(() -> executor.mitigations(bearer, id),
                "No mitigation yet.");
        Section<List<Entry>> timeline = Section.load(() -> reporter.timeline(bearer, id).entries(),
                "The reporter has no timeline for this incident yet.");
        Flash.Message flash = Flash.read(flashCookie);
        TemplateInstance page = Templates.incident(incident, flash, alerts, diagnostics, runs, mitigations, timeline,
                Filters.SEVERITIES, UPDATE_STATUSES, Arrays.asList(MitigationAction.values()),
                config.statusPageUrl().orElse(null));
        return Flash.consumed(Response.ok(page, MediaType.TEXT_HTML_TYPE), flash).build();
    }

    /** The incident report (Markdown, written on resolution): a page, or the file with {@code ?download=1}. */
    @GET
    @Path("/report")
    public Response report(@PathParam("id") String id, @QueryParam("download") String download) {
        return document(id, "report", "Incident report", download, ReporterClient::report);
    }

    /** The post-incident review document (Markdown). */
    @GET
    @Path("/pir")
    public Response pir(@PathParam("id") String id, @QueryParam("download") String download) {
        return document(id, "pir", "Post-incident review", download, ReporterClient::pir);
    }

    private Response document(String id, String kind, String title, String download,
                              TriFunction<ReporterClient, String, String, String> fetch) {
        String incidentId = IncidentIds.checked(id);
        String markdown = fetch.apply(reporter, caller.bearer(), incidentId);
        if ("1".equals(download) || "true".equals(download)) {
            return Response.ok(markdown, "text/markdown;charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + incidentId + "-" + kind + ".md\"")
                    .build();
        }
        Incident incident = intake.incident(caller.bearer(), incidentId);
        return Response.ok(Templates.document(incident, kind, title, markdown), MediaType.TEXT_HTML_TYPE).build();
    }

    @FunctionalInterface
    interface TriFunction<A, B, C, R> {
        R apply(A a, B b, C c);
    }
}
