package io.incidentops.intake.alerts.grafana;

import io.incidentops.intake.alerts.alertmanager.AlertmanagerWebhook;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grafana Alerting's webhook contact point payload, {@code version: "1"} (grafana/alerting
 * {@code receivers/webhook/v1/webhook.go}: {@code webhookMessage} = {@code templates.ExtendedData} plus version,
 * groupKey, truncatedAlerts, orgId, title, state, message). Alertmanager's envelope with the same bounds, plus
 * Grafana's fields; {@code title} and {@code message} are Grafana's rendered text for people and are not used.
 */
public record GrafanaWebhook(
        @NotBlank String version,
        String groupKey,
        Integer truncatedAlerts,
        Long orgId,
        String title,
        @Pattern(regexp = "alerting|ok") String state,
        String message,
        @Pattern(regexp = "firing|resolved") String status,
        String receiver,
        @Size(max = 100) Map<String, String> groupLabels,
        @Size(max = 100) Map<String, String> commonLabels,
        @Size(max = 100) Map<String, String> commonAnnotations,
        String externalURL,
        @NotNull @Size(max = 1000) List<@NotNull @Valid GrafanaAlert> alerts) {

    public static final String SUPPORTED_VERSION = "1";

    /** One alert ({@code templates.ExtendedAlert}): Alertmanager's, plus Grafana's links and query values. */
    public record GrafanaAlert(
            @NotNull @Pattern(regexp = "firing|resolved") String status,
            @NotNull @Size(max = 100) Map<String, String> labels,
            @Size(max = 100) Map<String, String> annotations,
            Instant startsAt,
            Instant endsAt,
            @Size(max = 4096) String generatorURL,
            @Size(max = 255) String fingerprint,
            @Size(max = 4096) String silenceURL,
            @Size(max = 4096) String dashboardURL,
            @Size(max = 4096) String panelURL,
            @Size(max = 4096) String imageURL,
            @Size(max = 100) Map<String, Double> values) {

        /** What a responder opens from the incident: its dashboard, panel, image, silence and the values seen. */
        public Map<String, String> links() {
            Map<String, String> links = new LinkedHashMap<>();
            putIfText(links, "Dashboard", dashboardURL);
            putIfText(links, "Panel", panelURL);
            putIfText(links, "Image", imageURL);
            putIfText(links, "Silence", silenceURL);
            if (values != null && !values.isEmpty()) {
                StringBuilder text = new StringBuilder();
                values.forEach((name, value) -> text.append(text.isEmpty() ? "" : ", ").append(name).append('=')
                        .append(value));
                links.put("Values", text.toString());
            }
            return links;
        }

        private static void putIfText(Map<String, String> links, String name, String url) {
            if (url != null && !url.isBlank()) links.put(name, url);
        }
    }

    /** The same group in Alertmanager's shape, for the rules both share (AlertNormalizer). */
    public AlertmanagerWebhook asAlertmanager() {
        return new AlertmanagerWebhook(AlertmanagerWebhook.SUPPORTED_VERSION, groupKey, truncatedAlerts, status,
                receiver, groupLabels, commonLabels, commonAnnotations, externalURL, alerts.stream()
                .map(a -> new AlertmanagerWebhook.AmAlert(a.status(), a.labels(), a.annotations(), a.startsAt(),
                        a.endsAt(), a.generatorURL(), a.fingerprint()))
                .toList());
    }
}
