package io.incidentops.comms.config;

import io.incidentops.events.model.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed configuration of comms-service ({@code incidentops.comms.*}); every key is listed in the module README. */
@ConfigMapping(prefix = "incidentops.comms")
public interface CommsConfig {

    Page page();

    /** How long customers wait between status-page updates of an open incident, per severity ("Next update in ..."). */
    UpdateIntervals updateInterval();

    /**
     * The update cadence per severity ({@code incidentops.comms.update-interval.p0..p4}), halved while the incident is
     * in emergency mode. P0/P1 default to an hour because they are always in emergency mode: 30 minutes, the seed's
     * "Next update in 30 minutes"; lower severities follow the seed's response targets (P2 an hour, P3 four hours).
     */
    interface UpdateIntervals {
        @WithDefault("PT1H")
        Duration p0();

        @WithDefault("PT1H")
        Duration p1();

        @WithDefault("PT1H")
        Duration p2();

        @WithDefault("PT4H")
        Duration p3();

        @WithDefault("PT24H")
        Duration p4();

        /** The interval an incident of this severity gets; emergency mode halves it. */
        default Duration of(Severity severity, boolean emergencyMode) {
            Duration interval = switch (severity) {
                case P0 -> p0();
                case P1 -> p1();
                case P2 -> p2();
                case P3 -> p3();
                case P4 -> p4();
            };
            return emergencyMode ? interval.dividedBy(2) : interval;
        }
    }

    /** How often the cadence job looks for incidents whose next update is due. */
    @WithDefault("15s")
    Duration cadenceCheckInterval();

    /**
     * When an investigating incident's update is due and nobody posted one, post "We are continuing to investigate
     * this issue. Next update in ..." on its own (the commander is still reminded); off by default: some teams want
     * every public word written by a person.
     */
    @WithDefault("false")
    boolean autoUpdate();

    Webhooks webhooks();

    /** Pages (incident.notification-requested) delivered on their channels: {@code incidentops.comms.paging.*}. */
    Paging paging();

    interface Paging {
        @WithDefault("1s")
        Duration pollInterval();

        @WithDefault("20")
        int batchSize();

        /**
         * Deliveries sent at once when pages are due (each claimed alone): a storm's pages wait on the mail server
         * and on commits, not on each other.
         */
        @WithDefault("4")
        int senders();

        /**
         * How long a claimed delivery waits for its replica before another one retries it; longer than one attempt
         * can take ({@code channels.timeout} times the SMS/voice providers), or the service refuses to start.
         */
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
     * The incident's war room on Slack ({@code incidentops.comms.war-room.*}): created on {@code incident.war-room-opened}
     * with the Slack settings of {@link Channels#slack()}, retried like pages ({@code paging.*}).
     */
    WarRoom warRoom();

    interface WarRoom {
        /** How long after {@code incident.resolved} the channel is archived (the seed's step 8). */
        @WithDefault("PT24H")
        Duration archiveAfter();

        /** Slack user ids invited to every war room, besides the responders paged on Slack. */
        Optional<List<String>> invite();

        /** How often the war-room worker looks for work. */
        @WithDefault("1s")
        Duration pollInterval();

        /** War rooms worked per worker round. */
        @WithDefault("20")
        int batchSize();
    }

    /** Pages on every other channel than e-mail: {@code incidentops.comms.channels.*}. */
    Channels channels();

    interface Channels {
        /**
         * Bound on one whole HTTP exchange with a provider (connect, request, response body): a provider that
         * stalls counts as down, and the next SMS/voice provider is tried.
         */
        @WithDefault("10s")
        Duration timeout();

        Slack slack();

        Teams teams();

        Ntfy ntfy();

        Twilio twilio();
    }

    /** Slack Web API ({@code chat.postMessage} with a bot token). */
    interface Slack {
        @WithDefault("https://slack.com/api")
        String baseUrl();

        /** Bot token {@code xoxb-...}; a secret (give it as {@code ${SLACK_BOT_TOKEN}}). Without it Slack is unconfigured. */
        Optional<String> token();

        /**
         * The workspace's own URL ({@code https://acme.slack.com}): war-room links are {@code <it>/archives/<channel id>};
         * without it {@code https://slack.com/app_redirect?channel=<channel id>}.
         */
        Optional<String> workspaceUrl();
    }

    /** Microsoft Teams Workflows webhooks, by name: a page's address names one, never carries a URL. */
    interface Teams {
        /** Webhook URL per name (secrets: a Workflows URL carries its signature). */
        Map<String, String> webhooks();

        /** Hosts those URLs may point at (exact names or {@code *.example.com}). */
        @WithDefault("*.logic.azure.com,*.api.powerplatform.com")
        List<String> allowedHosts();
    }

    /** An ntfy server (self-hosted or ntfy.sh): a page's address is the topic. */
    interface Ntfy {
        /** Without it push is unconfigured. */
        Optional<String> baseUrl();

        /** Access token sent as {@code Authorization: Bearer}, when the server requires one (a secret). */
        Optional<String> token();
    }

    /** Twilio-compatible SMS and voice. */
    interface Twilio {
        /** In order: the first that answers takes the page; the next one takes over on a 5xx, 429, timeout or refused connection. */
        Optional<List<Provider>> providers();

        /** How often the status of a sent SMS or call is looked up (delivery receipts) until it is final. */
        @WithDefault("30s")
        Duration receiptInterval();

        /** How long after sending receipts are looked up at all. */
        @WithDefault("1h")
        Duration receiptWindow();
    }

    interface Provider {
        /** Recorded with each delivery it sent. */
        String name();

        @WithDefault("https://api.twilio.com")
        String baseUrl();

        String accountSid();

        /** A secret (give it as {@code ${TWILIO_AUTH_TOKEN}}). */
        String authToken();

        /** The sending number (E.164). */
        String from();
    }

    /** The watchdog that pages the platform's own owners when paging itself is broken: {@code incidentops.comms.watchdog.*}. */
    Watchdog watchdog();

    interface Watchdog {
        /** How often the pipeline is checked (each replica checks; one of them decides and pages per condition). */
        @WithDefault("PT30S")
        Duration interval();

        /** How often the owners are paged again while a condition stays unhealthy. */
        @WithDefault("PT30M")
        Duration repeat();

        /**
         * Who is paged, as {@code <channel>:<address>} in the contract's ContactAddress form: {@code email:ops@example.com},
         * {@code push:<ntfy topic>}, {@code sms:+4915112345678}, {@code slack:<user or channel id>}, {@code teams:<webhook name>}.
         */
        Optional<List<String>> owners();

        /**
         * Health endpoints read over HTTP, by name (the condition is {@code health:<name>}): DOWN, any answer but 200,
         * or no answer counts as unhealthy. E.g. {@code intake=http://incident-intake:8080/q/health/group/pipeline}.
         */
        Map<String, String> healthUrls();

        Lag lag();

        Deliveries deliveries();
    }

    /** Comms' own consumer lag on incident-events (end offsets minus the group's committed offsets). */
    interface Lag {
        @WithDefault("incident-events")
        String topic();

        /** The consumer group whose lag is watched: comms' own (set in application.properties). */
        String group();

        /** Records behind above which the lag is unhealthy. */
        @WithDefault("1000")
        long max();

        /** How long the lag may stay above {@link #max()} (or the broker unreachable) before the owners are paged. */
        @WithDefault("PT2M")
        Duration grace();
    }

    /** Pages that did not go out: failed for good, or still pending long after they were requested. */
    interface Deliveries {
        /** How far back failed pages are counted. */
        @WithDefault("PT15M")
        Duration window();

        /** Failed pages in the window at which deliveries are unhealthy. */
        @WithDefault("1")
        int maxFailed();

        /** A page still pending this long after it was requested counts as not delivered. */
        @WithDefault("PT5M")
        Duration pendingLimit();
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
