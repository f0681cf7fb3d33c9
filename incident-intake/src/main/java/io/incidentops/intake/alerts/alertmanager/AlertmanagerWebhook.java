package io.incidentops.intake.alerts.alertmanager;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Prometheus Alertmanager's webhook payload, version "4" ({@code notify/webhook/webhook.go}). Label and annotation
 * entries (name not blank, lengths) are checked by {@code AlertNormalizer} in the loop that merges them: Bean
 * Validation of every map entry of every alert took an eighth of the event loop's time per alert.
 */
public record AlertmanagerWebhook(
        @NotBlank String version,
        String groupKey,
        Integer truncatedAlerts,
        @Pattern(regexp = "firing|resolved") String status,
        String receiver,
        @Size(max = 100) Map<String, String> groupLabels,
        @Size(max = 100) Map<String, String> commonLabels,
        @Size(max = 100) Map<String, String> commonAnnotations,
        String externalURL,
        @NotNull @Size(max = 1000) List<@NotNull @Valid AmAlert> alerts) {

    public static final String SUPPORTED_VERSION = "4";

    /** One alert of the group ({@code template.Alert}). */
    public record AmAlert(
            @NotNull @Pattern(regexp = "firing|resolved") String status,
            @NotNull @Size(max = 100) Map<String, String> labels,
            @Size(max = 100) Map<String, String> annotations,
            Instant startsAt,
            Instant endsAt,
            @Size(max = 4096) String generatorURL,
            @Size(max = 255) String fingerprint) {
    }
}
