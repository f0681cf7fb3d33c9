package io.incidentops.executor.metrics;

import io.incidentops.executor.config.ExecutorConfig;
import io.incidentops.executor.config.ExecutorConfig.MetricsFlavor;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The PromQL of each figure for one service: the service's own template if configured, else its flavor's default.
 * Placeholders: {@code {app}} (label matchers of the service's HTTP metrics, default {@code job="<service>"}),
 * {@code {pod}} (of its containers, default {@code container="<service>"}), {@code {window}} (the rate range) and
 * {@code {offset}} (empty now, {@code " offset 1d"} for a baseline: compared figures must carry it after each range).
 */
@ApplicationScoped
@Startup
public class MetricQueries {

    static final Map<Figure, String> SATURATION = Map.of(
            Figure.CPU, "sum(rate(container_cpu_usage_seconds_total{{pod}}[{window}]))",
            Figure.MEMORY, "sum(container_memory_working_set_bytes{{pod}})",
            Figure.RESTARTS, "sum(increase(kube_pod_container_status_restarts_total{{pod}}[1h]))");

    static final Map<MetricsFlavor, Map<Figure, String>> HTTP = Map.of(
            MetricsFlavor.MICROMETER, http("http_server_requests_seconds", "status"),
            MetricsFlavor.OPENTELEMETRY, http("http_server_request_duration_seconds", "http_response_status_code"));

    @Inject
    ExecutorConfig config;

    /** Unknown figure names and baselines without {@code {offset}} fail startup rather than read wrong figures. */
    @PostConstruct
    void validate() {
        config.services().forEach((service, sc) -> sc.metrics().queries().forEach((key, template) -> {
            Figure figure = Figure.of(key).orElseThrow(() -> new IllegalStateException(
                    "incidentops.executor.services.\"" + service + "\".metrics.queries: unknown figure " + key));
            if (figure.compared() && !template.contains("{offset}")) {
                throw new IllegalStateException("incidentops.executor.services.\"" + service + "\".metrics.queries."
                        + key + " must contain {offset} after each range selector (baselines are read with it)");
            }
        }));
    }

    /** The query of {@code figure} for {@code service}, {@code offset} being e.g. {@code "1d"} or null for now. */
    public String query(String service, Figure figure, String offset) {
        Optional<ExecutorConfig.ServiceMetrics> own = Optional.ofNullable(config.services().get(service))
                .map(ExecutorConfig.ServiceConfig::metrics);
        MetricsFlavor flavor = own.flatMap(ExecutorConfig.ServiceMetrics::flavor).orElse(config.prometheus().flavor());
        String template = own.map(m -> m.queries().get(figure.key()))
                .orElseGet(() -> figure.compared() ? HTTP.get(flavor).get(figure) : SATURATION.get(figure));
        return render(service, template).replace("{offset}", offset == null ? "" : " offset " + offset);
    }

    /**
     * A template with the service's placeholders filled in: {@code {app}}, {@code {pod}}, {@code {window}} as above and
     * {@code {service}}, the service's name escaped for use inside a PromQL string ({@code up{job="{service}"}}).
     */
    public String render(String service, String template) {
        Optional<ExecutorConfig.ServiceMetrics> own = Optional.ofNullable(config.services().get(service))
                .map(ExecutorConfig.ServiceConfig::metrics);
        String app = own.flatMap(ExecutorConfig.ServiceMetrics::appSelector).orElse("job=" + quoted(service));
        String pod = own.flatMap(ExecutorConfig.ServiceMetrics::podSelector).orElse("container=" + quoted(service));
        String quotedName = quoted(service);
        return template.replace("{app}", app).replace("{pod}", pod)
                .replace("{window}", promDuration(config.prometheus().rateWindow()))
                .replace("{service}", quotedName.substring(1, quotedName.length() - 1));
    }

    private static Map<Figure, String> http(String metric, String statusLabel) {
        Map<Figure, String> m = new EnumMap<>(Figure.class);
        m.put(Figure.ERROR_RATE, "sum(rate(" + metric + "_count{{app}," + statusLabel + "=~\"5..\"}[{window}]{offset}))"
                + " / sum(rate(" + metric + "_count{{app}}[{window}]{offset}))");
        m.put(Figure.LATENCY_P95, quantile("0.95", metric));
        m.put(Figure.LATENCY_P99, quantile("0.99", metric));
        return m;
    }

    private static String quantile(String q, String metric) {
        return "histogram_quantile(" + q + ", sum by (le) (rate(" + metric + "_bucket{{app}}[{window}]{offset})))";
    }

    /** A PromQL string literal: the service name comes from alerts, so it is escaped, never trusted. */
    static String quoted(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    static String promDuration(Duration d) {
        long s = Math.max(1, d.toSeconds());
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
