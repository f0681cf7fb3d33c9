package io.incidentops.intake.alerts.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.alerts.AlertNormalizer;
import io.incidentops.intake.declaration.AlertIngest;
import io.incidentops.intake.declaration.AlertIntake;
import io.incidentops.intake.declaration.IntegrationRateLimits;
import io.incidentops.intake.integrations.CallingIntegration;
import io.incidentops.intake.integrations.Integration;
import io.incidentops.intake.integrations.IntegrationKeyRequired;
import io.incidentops.intake.integrations.IntegrationRoute;
import io.incidentops.platform.problem.InvalidInputException;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Any JSON a tool we do not know sends, made alerts by its integration's field mapping (set through
 * {@code /api/admin/integrations}, no code): 202 {@code {received, results[]}} once applied; a body the mapping finds
 * no service or summary in is a 400 naming the field and its expression, and nothing is stored.
 */
@Path("/api/integrations/custom")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class CustomSourceResource {

    static final String SOURCE = "custom";

    @Inject
    AlertNormalizer normalizer;

    @Inject
    AlertIngest ingest;

    @Inject
    IntegrationRateLimits rateLimits;

    @Inject
    CallingIntegration caller;

    public record Received(int received, List<AlertIntake.Outcome> results) {
    }

    @POST
    @PermitAll
    @IntegrationKeyRequired(IntegrationRoute.CUSTOM)
    public CompletionStage<Response> receive(@NotNull JsonNode body) {
        Integration from = caller.get();
        if (from.customFormat() == null) {
            throw new InvalidInputException("mapping", "integration '" + from.name()
                    + "' has no field mapping: set one with PATCH /api/admin/integrations/" + from.name());
        }
        if (!body.isObject() && !body.isArray()) {
            throw new InvalidInputException("body", "a JSON object or array");
        }
        List<Alert> alerts = normalizer.fromCustom(body, from.customFormat(), SOURCE);
        rateLimits.acquire(from, alerts.size());
        return ingest.accept(from, alerts)
                .thenApply(results -> Response.accepted(new Received(results.size(), results)).build());
    }
}
