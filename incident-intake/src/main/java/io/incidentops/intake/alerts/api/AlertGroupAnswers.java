package io.incidentops.intake.alerts.api;

import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.declaration.AlertIngest;
import io.incidentops.intake.declaration.AlertIntake;
import io.incidentops.intake.declaration.IntegrationRateLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * How the Alertmanager-shaped webhooks (Alertmanager, Grafana) take a validated group: the caller's rate limit, then
 * answered once the alerts are durable in the journal, or with {@code Prefer: return=representation} (RFC 7240) once
 * they are applied, with every incident.
 */
@ApplicationScoped
public class AlertGroupAnswers {

    static final String PREFER_RESULTS = "return=representation";

    @Inject
    AlertIngest ingest;

    @Inject
    IntegrationRateLimits rateLimits;

    public record Summary(String groupKey, int received, int queued, int declared, int attached, int reopened,
                          int ignored, List<AlertIntake.Outcome> results) {
    }

    public CompletionStage<RestResponse<Summary>> accept(String integration, String groupKey, List<Alert> alerts,
                                                         String prefer) {
        rateLimits.acquire(integration, alerts.size());
        if (prefer != null && prefer.contains(PREFER_RESULTS)) {
            return ingest.accept(alerts).thenApply(results -> RestResponse.ResponseBuilder.ok(summary(groupKey, results))
                    .header("Preference-Applied", PREFER_RESULTS).build());
        }
        return ingest.acceptDurably(alerts).thenApply(results -> RestResponse.ok(summary(groupKey, results)));
    }

    private static Summary summary(String groupKey, List<AlertIntake.Outcome> results) {
        return new Summary(groupKey, results.size(), count(results, AlertIntake.QUEUED),
                count(results, AlertIntake.DECLARED), count(results, AlertIntake.ATTACHED),
                count(results, AlertIntake.REOPENED), count(results, AlertIntake.IGNORED), results);
    }

    private static int count(List<AlertIntake.Outcome> results, String outcome) {
        return (int) results.stream().filter(r -> r.outcome().equals(outcome)).count();
    }
}
