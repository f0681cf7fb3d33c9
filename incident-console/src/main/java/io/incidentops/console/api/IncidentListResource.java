package io.incidentops.console.api;

import io.incidentops.console.services.IntakeViews.Incident;
import io.incidentops.console.services.IntakeViews.Page;
import io.incidentops.console.services.api.IntakeClient;
import io.incidentops.console.signin.Caller;
import io.incidentops.console.signin.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.List;

/** {@code GET /}: the incidents, open ones by default, filtered by severity, service, status and team; live. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
public class IncidentListResource {

    static final int PAGE_SIZE = 100;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<Incident> incidents, long total, Filters filters,
                                            List<String> severities, List<String> statuses);
    }

    @Inject
    @RestClient
    IntakeClient intake;

    @Inject
    Caller caller;

    @GET
    public TemplateInstance list(@QueryParam("severity") String severity, @QueryParam("service") String service,
                                 @QueryParam("status") String status, @QueryParam("team") String team) {
        Filters filters = Filters.of(severity, service, status, team);
        Page<Incident> page = intake.incidents(caller.bearer(), filters.openOnly() ? Boolean.TRUE : null,
                filters.severity(), filters.service(), filters.status(), filters.team(), 0, PAGE_SIZE);
        List<Incident> items = page.items() == null ? List.of() : page.items();
        return Templates.list(items, page.total(), filters, Filters.SEVERITIES, Filters.STATUSES);
    }
}
