package io.incidentops.intake.alerts.api;

import io.incidentops.intake.alerts.AlertNormalizer;
import io.incidentops.intake.alerts.GenericAlert;
import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.declaration.AlertIngest;
import io.incidentops.intake.declaration.IntegrationRateLimits;
import io.incidentops.intake.integrations.CallingIntegration;
import io.incidentops.intake.integrations.IntegrationKeyRequired;
import io.incidentops.intake.integrations.IntegrationRoute;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Generic JSON alerts from any pipeline that can POST JSON; authenticated with an integration key. */
@Path("/api/alerts")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    static final String SOURCE = "api";

    @Inject
    AlertNormalizer normalizer;

    @Inject
    AlertIngest ingest;

    @Inject
    IntegrationRateLimits rateLimits;

    @Inject
    CallingIntegration integration;

    /** 202 {incidentId, outcome: declared|attached, dedupKey}. */
    @POST
    @PermitAll
    @IntegrationKeyRequired(IntegrationRoute.ALERTS)
    public CompletionStage<Response> accept(@Valid @NotNull GenericAlert alert) {
        Alert normalized = normalizer.fromGeneric(alert, SOURCE);
        rateLimits.acquire(integration.get(), 1);
        return ingest.accept(integration.get(), List.of(normalized)).thenApply(outcomes -> Response.accepted(outcomes.get(0)).build());
    }
}
