package io.incidentops.intake.alerts.api;

import io.incidentops.intake.alerts.AlertNormalizer;
import io.incidentops.intake.alerts.grafana.GrafanaWebhook;
import io.incidentops.platform.problem.InvalidInputException;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.concurrent.CompletionStage;

/**
 * Grafana Alerting's webhook contact point ({@code version: "1"}): Alertmanager's envelope plus Grafana's fields, taken
 * as the Alertmanager route takes its webhook (grouping, resolved notices recorded, answered once durable, the same
 * bounds and answer), with Grafana's dashboard, panel, image and silence links and the query values in each alert's
 * description. The integration key comes as Bearer credentials or the Basic auth password ({@link GrafanaKeyFilter}).
 */
@Path("/api/integrations/grafana")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class GrafanaResource {

    static final String SOURCE = "grafana";

    @Inject
    AlertNormalizer normalizer;

    @Inject
    AlertGroupAnswers answers;

    @Inject
    GrafanaKeyFilter.Caller caller;

    @POST
    @PermitAll
    @GrafanaKeyRequired
    public CompletionStage<RestResponse<AlertGroupAnswers.Summary>> receive(@Valid @NotNull GrafanaWebhook hook,
                                                                            @RestHeader("Prefer") String prefer) {
        if (!GrafanaWebhook.SUPPORTED_VERSION.equals(hook.version())) {
            throw new InvalidInputException("version", "unsupported webhook version '" + hook.version() + "', expected \"1\"");
        }
        return answers.accept(caller.name(), hook.groupKey(), normalizer.fromGrafana(hook, SOURCE), prefer);
    }
}
