package io.incidentops.intake.alerts.api;

import io.incidentops.intake.declaration.IntakeOverloadedException;
import io.incidentops.platform.problem.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Intake at capacity: 503 with {@code Retry-After}, what Alertmanager's webhook sender retries (it drops on 429) and
 * what generic callers expect. Nothing was committed for a refused call. The PagerDuty and Opsgenie routes answer
 * 429 instead, as their clients retry that.
 */
public class OverloadedMapper {

    @ServerExceptionMapper
    public Response overloaded(IntakeOverloadedException e) {
        return unavailable(e, Response.Status.SERVICE_UNAVAILABLE);
    }

    static Response unavailable(IntakeOverloadedException e, Response.Status status) {
        Response problem = Problem.of(status, e.getMessage() + "; retry after " + e.retryAfterSeconds() + " s").toResponse();
        return Response.fromResponse(problem).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build();
    }
}
