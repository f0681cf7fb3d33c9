package io.incidentops.executor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every {@code incidentops.executor.*} key; README.md lists them with their meaning. */
@ConfigMapping(prefix = "incidentops.executor")
public interface ExecutorConfig {

    /** Per service name (quoted key, e.g. {@code services."checkout".health-url}). */
    Map<String, ServiceConfig> services();

    Diagnostics diagnostics();

    Health health();

    Mitigations mitigations();

    Recovery recovery();

    Worker worker();

    Runbooks runbooks();

    Prometheus prometheus();

    Vendors vendors();

    Steps steps();

    /**
     * The executor's base URL as commanders reach it (e.g. {@code https://executor.incidentops.example}): the approve
     * and reject links of {@code mitigation.approval-requested}; without it they are paths.
     */
    Optional<String> publicUrl();

    ApprovalLinks approvalLinks();

    /** The one-click approve and reject links sent to the commander (signed, expiring tokens). */
    interface ApprovalLinks {
        /**
         * HMAC-SHA256 key of the links' tokens, at least 32 characters, the same on every replica. Unset: production
         * refuses to start; other profiles use a random key per process (the platform's LinkTokens rules).
         */
        Optional<String> signingSecret();

        /** How long a link works. */
        @WithDefault("4h")
        Duration ttl();
    }

    interface ServiceConfig {
        /** GET this URL: 2xx is healthy. */
        Optional<String> healthUrl();

        /**
         * Further URLs of the service that {@code http-check} steps may GET, by name ({@code endpoints."ready"}):
         * a step names one, never a URL, so that no alert text can point a check anywhere.
         */
        Map<String, String> endpoints();

        /** How to find the service's figures in Prometheus; every key has a default. */
        ServiceMetrics metrics();

        /** Third parties the service depends on, by name (e.g. {@code dependencies."stripe".status-url}). */
        Map<String, Dependency> dependencies();

        /**
         * The service's workload in Kubernetes; when set, ROLLBACK, RESTART, SCALE and BLOCK_TRAFFIC act on it through
         * the API server instead of a webhook. The only source of an action's target: never the alert's text.
         */
        Optional<KubernetesWorkload> kubernetes();
    }

    /** A Deployment the executor may act on, and the bounds of scaling it without approval. */
    interface KubernetesWorkload {
        String namespace();

        String deployment();

        @WithDefault("1")
        int minReplicas();

        @WithDefault("10")
        int maxReplicas();
    }

    /** A third-party dependency and the status page it publishes. */
    interface Dependency {
        /** Its Statuspage v2 {@code summary.json}, e.g. {@code https://www.githubstatus.com/api/v2/summary.json}. */
        String statusUrl();

        /** The page's components that matter to the service; none = the page's overall indicator. */
        Optional<List<String>> components();
    }

    interface Vendors {
        /** How often each dependency's status page is read. */
        @WithDefault("60s")
        Duration pollInterval();

        /** Deadline of one status page read, body included. */
        @WithDefault("5s")
        Duration timeout();

        /** A status older than this (reads failing, workers stopped) no longer chooses the runbook. */
        @WithDefault("5m")
        Duration staleAfter();

        @WithDefault("1048576")
        int maxResponseBytes();
    }

    /** Per-service overrides of the Prometheus queries. */
    interface ServiceMetrics {
        /** Which metric names the service exposes; default {@code prometheus.flavor}. */
        Optional<MetricsFlavor> flavor();

        /** Label matchers of the service's own HTTP metrics; default {@code job="<service>"}. */
        Optional<String> appSelector();

        /** Label matchers of its containers in cAdvisor / kube-state-metrics; default {@code container="<service>"}. */
        Optional<String> podSelector();

        /** PromQL templates replacing the flavor's, by figure name ({@code error-rate}, {@code latency-p95}, ...). */
        Map<String, String> queries();
    }

    /** Naming conventions of HTTP server metrics that have default queries. */
    enum MetricsFlavor {
        /** Quarkus / Micrometer: {@code http_server_requests_seconds_*}, label {@code status}. */
        MICROMETER,
        /** OpenTelemetry semantic conventions: {@code http_server_request_duration_seconds_*}. */
        OPENTELEMETRY
    }

    interface Prometheus {
        /** Base URL of Prometheus's HTTP API ({@code INCIDENTOPS_EXECUTOR_PROMETHEUS_URL}); unset = no metrics. */
        Optional<String> url();

        /** Base URL put into the graph links people open (Prometheus's address as browsers see it); default {@code url}. */
        Optional<String> externalUrl();

        /** Deadline of one API call, response body included. */
        @WithDefault("5s")
        Duration timeout();

        /** Larger responses are refused (a template that forgot its {@code sum}). */
        @WithDefault("2097152")
        int maxResponseBytes();

        @WithDefault("micrometer")
        MetricsFlavor flavor();

        /** The {@code rate()} range of the default queries. */
        @WithDefault("5m")
        Duration rateWindow();

        /** The window looked at starts this long before the incident started. */
        @WithDefault("15m")
        Duration lead();

        /** The window looked at is at most this long (the most recent part of it). */
        @WithDefault("6h")
        Duration maxWindow();
    }

    interface Diagnostics {
        /** How far back before detection deployments count as recent (seed step 4: 24 h). */
        @WithDefault("24h")
        Duration deploymentLookback();

        /** While the incident is open, diagnostics are collected again this often. */
        @WithDefault("2m")
        Duration refreshInterval();
    }

    interface Health {
        /** Connect + response timeout of one health check. */
        @WithDefault("3s")
        Duration timeout();
    }

    interface Mitigations {
        /** Per action name (ROLLBACK, RESTART, ...): the webhook that carries it out. */
        Map<String, Action> actions();

        /** Used for actions without their own URL. */
        Optional<String> defaultUrl();

        /** Standard Webhooks secret, {@code whsec_<base64>}; without it no mitigation is sent. */
        Optional<String> signingSecret();

        /** Connect + response timeout of a mitigation webhook. */
        @WithDefault("10s")
        Duration timeout();

        /**
         * How long a mitigation may stay REQUESTED (recorded, its action's outcome not: the executor stopped between
         * the two) before it is closed as failed. Longer than one attempt can take: a webhook's connect + response
         * timeouts, or a Kubernetes action's few API calls with the client's timeouts and retries.
         */
        @WithDefault("10m")
        Duration requestedTimeout();

        /**
         * Per action name: the severities for which it is applied without a commander's approval ({@code P0,P1}),
         * {@code always} or {@code never}. Unlisted actions keep the defaults of {@code ApprovalRule}.
         */
        Map<String, String> approval();

        interface Action {
            String url();
        }
    }

    interface Recovery {
        @WithDefault("30s")
        Duration checkInterval();

        @WithDefault("15m")
        Duration stabilityWindow();

        @WithDefault("30m")
        Duration timeout();

        /** With Prometheus: error rate must stay at most this many times its 1-day baseline... */
        @WithDefault("2")
        double errorRateFactor();

        /** ...or at most this ratio, whichever is higher (0.01 = 1 %). */
        @WithDefault("0.01")
        double errorRateFloor();

        /** With Prometheus: p95 latency must stay at most this many times its 1-day baseline. */
        @WithDefault("1.5")
        double latencyFactor();
    }

    interface Worker {
        /** How often the workers look for due work (diagnostics, automated steps, recovery checks). */
        @WithDefault("2s")
        Duration pollInterval();

        /** A claimed item not finished within this time (a replica died) is picked up again. */
        @WithDefault("60s")
        Duration lease();

        @WithDefault("20")
        int batchSize();
    }

    /** What automated runbook steps may call. */
    interface Steps {
        /**
         * By name: the URLs {@code signed-http-call} steps POST to, signed with {@code mitigations.signing-secret}. A
         * runbook naming a call not configured here does not load.
         */
        Map<String, Call> calls();

        interface Call {
            String url();
        }
    }

    interface Runbooks {
        /** Runbooks bundled in the jar, as {@code runbooks/<name>.yaml}. */
        @WithDefault("service_down,high_error_rate,high_latency,database_issues,memory_leak,security_breach,third_party_outage,generic")
        List<String> bundled();

        /** Optional directory of extra {@code *.yaml} runbooks; one with a bundled name replaces it. */
        @WithName("directory")
        Optional<String> directory();
    }
}
