package io.incidentops.console.api;

import io.incidentops.console.services.IntakeViews.Oncall;
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
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.Comparator;
import java.util.List;

/** {@code GET /oncall}: who is on call now, one row per schedule (intake's {@code /api/oncalls}). */
@Path("/oncall")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
public class OncallResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance oncall(List<Oncall> oncalls);
    }

    @Inject
    @RestClient
    IntakeClient intake;

    @Inject
    Caller caller;

    @GET
    public TemplateInstance oncall() {
        List<Oncall> oncalls = intake.oncalls(caller.bearer()).oncalls();
        List<Oncall> sorted = oncalls == null ? List.of() : oncalls.stream()
                .sorted(Comparator.comparing((Oncall o) -> o.schedule() == null || o.schedule().summary() == null
                        ? "" : o.schedule().summary()))
                .toList();
        return Templates.oncall(sorted);
    }
}
