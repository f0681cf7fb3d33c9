package io.incidentops.executor.deployment.api;

import io.incidentops.events.executor.DeploymentSummary;
import io.incidentops.executor.deployment.Deployment;
import io.incidentops.executor.deployment.DeploymentService;
import io.incidentops.platform.problem.InvalidInputException;
import io.incidentops.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What the executor knows was deployed: {@code GET /api/deployments?service=checkout} (last 7 days, newest first). */
@Path("/api/deployments")
@Produces(MediaType.APPLICATION_JSON)
public class DeploymentResource {

    @Inject
    DeploymentService deployments;

    @Inject
    Clock clock;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public List<DeploymentSummary> list(@QueryParam("service") String service) {
        if (service == null || service.isBlank()) throw new InvalidInputException("service", "required");
        Instant now = Instant.now(clock);
        return deployments.between(service, now.minus(Duration.ofDays(7)), now.plus(Duration.ofDays(1))).stream()
                .limit(100).map(Deployment::summary).toList();
    }
}
