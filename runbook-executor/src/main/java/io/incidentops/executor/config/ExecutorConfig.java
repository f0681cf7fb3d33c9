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

    interface ServiceConfig {
        /** GET this URL: 2xx is healthy. */
        Optional<String> healthUrl();
    }

    interface Diagnostics {
        /** How far back before detection deployments count as recent (seed step 4: 24 h). */
        @WithDefault("24h")
        Duration deploymentLookback();
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

    interface Runbooks {
        /** Runbooks bundled in the jar, as {@code runbooks/<name>.yaml}. */
        @WithDefault("service_down,high_error_rate,high_latency,database_issues,memory_leak,security_breach,third_party_outage,generic")
        List<String> bundled();

        /** Optional directory of extra {@code *.yaml} runbooks; one with a bundled name replaces it. */
        @WithName("directory")
        Optional<String> directory();
    }
}
