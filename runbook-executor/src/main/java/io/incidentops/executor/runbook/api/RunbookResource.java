package io.incidentops.executor.runbook.api;

import io.incidentops.executor.runbook.Runbook;
import io.incidentops.executor.runbook.RunbookCatalog;
import io.incidentops.executor.runbook.StepParameters;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.incidentops.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The runbook catalogue, read-only (runbooks change by editing their YAML files). */
@Path("/api/runbooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
public class RunbookResource {

    @Inject
    RunbookCatalog catalog;

    public record Summary(String name, String version, String title, int stepCount) {
    }

    public record Detail(String name, String version, String title, String description, boolean fallback,
                         List<Runbook.MatchRule> matches, List<StepDetail> steps,
                         List<Runbook.Alternative> alternatives) {
    }

    public record StepDetail(int step, String title, String kind, String action, StepParameters parameters) {
    }

    @GET
    public List<Summary> list() {
        return catalog.all().stream().map(r -> new Summary(r.name(), r.version(), r.title(), r.steps().size())).toList();
    }

    @GET
    @Path("/{name}")
    public Detail get(@PathParam("name") String name) {
        Runbook r = catalog.find(name).orElseThrow(() -> new ResourceNotFoundException("no runbook named " + name));
        List<StepDetail> steps = new java.util.ArrayList<>();
        for (int i = 0; i < r.steps().size(); i++) {
            Runbook.Step s = r.steps().get(i);
            steps.add(new StepDetail(i + 1, s.title(), s.kind(), s.action(),
                    s.parameters().given().isEmpty() ? null : s.parameters()));
        }
        return new Detail(r.name(), r.version(), r.title(), r.description(), r.isFallback(), r.matchRules(), steps,
                r.alternativeList());
    }
}
