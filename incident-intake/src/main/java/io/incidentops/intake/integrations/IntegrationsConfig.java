package io.incidentops.intake.integrations;

import io.incidentops.events.model.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Integration keys kept in configuration: {@code incidentops.security.integration-keys.<name>=<sha256 hex>}, each
 * scoped by {@code incidentops.security.integrations.<name>.*} (its rate limit is
 * {@code incidentops.intake.rate-limits.<name>}).
 */
@ConfigMapping(prefix = "incidentops.security")
public interface IntegrationsConfig {

    /** Integration name → lower-case hex SHA-256 of its key. */
    Map<String, String> integrationKeys();

    Map<String, Scope> integrations();

    /** How soon a key created, rotated or revoked through the API on another replica takes effect on this one. */
    @WithDefault("5s")
    Duration integrationKeysRefresh();

    interface Scope {
        /** generic, alertmanager, grafana, pagerduty, opsgenie, custom, email ({@link SourceType}). */
        Optional<String> sourceType();

        /**
         * Route names ({@link IntegrationRoute}: alerts, alertmanager, grafana, pagerduty-events, pagerduty-changes,
         * opsgenie-alerts, opsgenie-heartbeats, custom, email) or {@code all}; default: the source type's routes.
         */
        Optional<List<String>> routes();

        /** The highest severity its alerts may declare; higher ones are lowered to it. */
        Optional<Severity> maxSeverity();
    }
}
