package io.incidentops.comms.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Typed configuration of comms-service ({@code incidentops.comms.*}); every key is listed in the module README. */
@ConfigMapping(prefix = "incidentops.comms")
public interface CommsConfig {

    Page page();

    /** How long customers wait between status-page updates of an open incident ("Next update in 30 minutes"). */
    @WithDefault("30m")
    Duration updateInterval();

    /** How often the cadence job looks for incidents whose next update is due. */
    @WithDefault("15s")
    Duration cadenceCheckInterval();

    Webhooks webhooks();

    /** Pages (incident.notification-requested) delivered by e-mail: {@code incidentops.comms.paging.*}. */
    Paging paging();

    interface Paging {
        @WithDefault("1s")
        Duration pollInterval();

        @WithDefault("20")
        int batchSize();

        /** How long a claimed e-mail waits for its replica before another one retries it. */
        @WithDefault("1m")
        Duration lease();

        @WithDefault("6")
        int maxAttempts();

        @WithDefault("2s")
        Duration retryBackoff();

        @WithDefault("5m")
        Duration maxBackoff();
    }

    /**
     * Public components created at start when missing, with their services mapped unless already mapped elsewhere;
     * after that the API owns them (a seed never renames, moves or restores what an operator changed).
     */
    Optional<List<SeedComponent>> components();

    /**
     * The component an incident is shown against when its service maps to none (created at start when missing);
     * without it such an incident is shown against no component. Never the service label itself.
     */
    Optional<String> defaultComponent();

    interface SeedComponent {
        String name();

        Optional<String> description();

        /** Internal service names (the alerts' {@code service} label) shown as this component. */
        Optional<List<String>> services();
    }

    interface Page {
        @WithDefault("IncidentOps Status")
        String name();

        /** Public base URL of the status page; incident shortlinks and feed links are built from it. */
        @WithDefault("http://localhost:8083")
        String url();

        /** IANA zone the page shows times in (Statuspage's {@code time_zone}). */
        @WithDefault("UTC")
        String timeZone();

        /** How many days of past incidents the HTML page lists. */
        @WithDefault("7")
        int historyDays();
    }

    interface Webhooks {
        Endpoint stakeholders();

        Endpoint responders();

        /** Standard Webhooks secret, {@code whsec_<base64>}; required as soon as one webhook URL is set. */
        Optional<String> signingSecret();

        /** Hosts webhook URLs may point at (exact names, or {@code *.example.com}); empty allows none. */
        Optional<List<String>> allowedHosts();

        /** Connect and response timeout of one delivery attempt. */
        @WithDefault("5s")
        Duration timeout();

        /** Attempts before a delivery is marked failed. */
        @WithDefault("8")
        int maxAttempts();

        /** First retry delay; doubled on every attempt up to {@link #maxBackoff()}. */
        @WithDefault("2s")
        Duration retryBackoff();

        @WithDefault("5m")
        Duration maxBackoff();

        /** How often the delivery worker looks for pending deliveries. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Deliveries claimed per worker run. */
        @WithDefault("20")
        int batchSize();
    }

    interface Endpoint {
        /** Slack-incoming-webhook-compatible URL ({@code {"text": "..."}}); a secret: never logged or shown. */
        Optional<String> url();
    }
}
