package io.incidentops.intake.alerts.alertmanager;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Prometheus Alertmanager's webhook payload, version "4" ({@code notify/webhook/webhook.go}). */
public record AlertmanagerWebhook(
        @NotBlank String version,
        String groupKey,
        Integer truncatedAlerts,
        @Pattern(regexp = "firing|resolved") String status,
        String receiver,
        Map<String, String> groupLabels,
        Map<String, String> commonLabels,
        Map<String, String> commonAnnotations,
        String externalURL,
        @NotNull @Size(max = 1000) List<@NotNull @Valid AmAlert> alerts) {

    public static final String SUPPORTED_VERSION = "4";

    /** One alert of the group ({@code template.Alert}). */
    public record AmAlert(
            @NotNull @Pattern(regexp = "firing|resolved") String status,
            @NotNull Map<String, String> labels,
            Map<String, String> annotations,
            Instant startsAt,
            Instant endsAt,
            String generatorURL,
            @Size(max = 255) String fingerprint) {
    }
}
