package io.incidentops.console.api;

import io.incidentops.console.charts.MttrCharts;
import io.incidentops.console.services.ReporterViews.Week;
import io.incidentops.console.services.api.ReporterClient;
import io.incidentops.console.signin.Caller;
import io.incidentops.console.signin.Roles;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.List;

/** {@code GET /metrics}: MTTR and SLA per week, overall, by severity and by type, as server-drawn SVG charts. */
@Path("/metrics")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
public class MetricsResource {

    static final int MAX_WEEKS = 52;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance metrics(int weeks, List<MttrCharts.Group> groups);
    }

    @Inject
    @RestClient
    ReporterClient reporter;

    @Inject
    Caller caller;

    @GET
    public TemplateInstance metrics(@QueryParam("weeks") @DefaultValue("12") int weeks) {
        if (weeks < 1 || weeks > MAX_WEEKS) throw new BadInput("weeks", "must be between 1 and " + MAX_WEEKS);
        List<Week> figures = reporter.weekly(caller.bearer(), weeks).weeks();
        return Templates.metrics(weeks, MttrCharts.of(figures == null ? List.of() : figures));
    }
}
