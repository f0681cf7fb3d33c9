package io.incidentops.intake.alerts.api;

import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.alerts.AlertNormalizer;
import io.incidentops.intake.alerts.alertmanager.AlertmanagerWebhook;
import io.incidentops.intake.declaration.AlertIngest;
import io.incidentops.intake.declaration.IntegrationRateLimits;
import io.incidentops.platform.security.CallingIntegration;
import io.incidentops.intake.declaration.AlertIntake;
import io.incidentops.platform.problem.InvalidInputException;
import io.incidentops.platform.security.IntegrationKeyRequired;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * Prometheus Alertmanager's webhook receiver ({@code version: "4"}). Every firing alert joins its group's incident
 * (declared or reopened when needed); it is recorded once per fingerprint. Resolved alerts are recorded on their open
 * incident; when all of them resolved the incident waits in MONITORING: recovery is verified by the executor or stated
 * by a commander, not inferred from a quiet metric.
 */
@Path("/api/integrations/alertmanager")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AlertmanagerResource {

    static final String SOURCE = "alertmanager";

    @Inject
    AlertNormalizer normalizer;

    @Inject
    AlertIngest ingest;

    @Inject
    IntegrationRateLimits rateLimits;

    @Inject
    CallingIntegration integration;

    public record Summary(String groupKey, int received, int declared, int attached, int reopened, int ignored,
                          List<AlertIntake.Outcome> results) {
    }

    @POST
    @PermitAll
    @IntegrationKeyRequired
    public Uni<Summary> receive(@Valid @NotNull AlertmanagerWebhook hook) {
        if (!AlertmanagerWebhook.SUPPORTED_VERSION.equals(hook.version())) {
            throw new InvalidInputException("version", "unsupported webhook version '" + hook.version() + "', expected \"4\"");
        }
        // everything is validated before anything is written; then committed with the whole webhook call (AlertIngest)
        List<Alert> alerts = normalizer.fromAlertmanager(hook, SOURCE);
        rateLimits.acquire(integration.name(), alerts.size());
        return ingest.accept(alerts).map(results -> new Summary(hook.groupKey(), alerts.size(),
                count(results, AlertIntake.DECLARED), count(results, AlertIntake.ATTACHED),
                count(results, AlertIntake.REOPENED), count(results, AlertIntake.IGNORED), results));
    }

    private static int count(List<AlertIntake.Outcome> results, String outcome) {
        return (int) results.stream().filter(r -> r.outcome().equals(outcome)).count();
    }
}
