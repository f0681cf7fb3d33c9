package io.incidentops.intake.alerts.api;

import io.incidentops.intake.alerts.AlertNormalizer;
import io.incidentops.intake.alerts.alertmanager.AlertmanagerWebhook;
import io.incidentops.platform.security.CallingIntegration;
import io.incidentops.platform.problem.InvalidInputException;
import io.incidentops.platform.security.IntegrationKeyRequired;
import jakarta.annotation.security.PermitAll;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.concurrent.CompletionStage;

/**
 * Prometheus Alertmanager's webhook receiver ({@code version: "4"}). Every firing alert joins its group's incident
 * (declared or reopened when needed); it is recorded once per fingerprint. Resolved alerts are recorded on their open
 * incident; when all of them resolved the incident waits in MONITORING: recovery is verified by the executor or stated
 * by a commander, not inferred from a quiet metric.
 * <p>
 * Answered once the alerts are durable in intake's journal (Alertmanager reads only the status; in a storm its sender
 * must not wait for declarations): each new alert's outcome is {@code queued}, with the group it joins. A caller that
 * wants the incidents sends {@code Prefer: return=representation} (RFC 7240) and is answered once they are applied.
 */
@Path("/api/integrations/alertmanager")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AlertmanagerResource {

    static final String SOURCE = "alertmanager";

    @Inject
    AlertNormalizer normalizer;

    @Inject
    AlertGroupAnswers answers;

    @Inject
    CallingIntegration integration;

    @POST
    @PermitAll
    @IntegrationKeyRequired
    public CompletionStage<RestResponse<AlertGroupAnswers.Summary>> receive(@Valid @NotNull AlertmanagerWebhook hook,
                                                                            @RestHeader("Prefer") String prefer) {
        if (!AlertmanagerWebhook.SUPPORTED_VERSION.equals(hook.version())) {
            throw new InvalidInputException("version", "unsupported webhook version '" + hook.version() + "', expected \"4\"");
        }
        // everything is validated before anything is written; then committed with the whole webhook call (AlertIngest)
        return answers.accept(integration.name(), hook.groupKey(), normalizer.fromAlertmanager(hook, SOURCE), prefer);
    }
}
