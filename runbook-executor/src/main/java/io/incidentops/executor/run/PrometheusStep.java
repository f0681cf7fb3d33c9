package io.incidentops.executor.run;

import io.incidentops.executor.metrics.Figure;
import io.incidentops.executor.metrics.MetricQueries;
import io.incidentops.executor.metrics.MetricsText;
import io.incidentops.executor.metrics.PrometheusClient;
import io.incidentops.executor.metrics.Reading;
import io.incidentops.executor.runbook.StepParameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code prometheus-query} step: the query (a figure of {@link MetricQueries}, or the step's template filled in for
 * the service) read now, and compared with the step's threshold when it has one. "No data" is its own outcome, a
 * failed query an error; the result keeps the query and a link to Prometheus's graph of it.
 */
@ApplicationScoped
public class PrometheusStep {

    /** The graph link shows the hour before the reading. */
    private static final Duration LINK_RANGE = Duration.ofHours(1);

    @Inject
    PrometheusClient prometheus;

    @Inject
    MetricQueries queries;

    @Inject
    Clock clock;

    public StepResult run(String service, StepParameters p) {
        if (!prometheus.configured()) {
            return StepResult.of(StepResult.SKIPPED, "metrics not configured (no Prometheus URL)", null);
        }
        Optional<Figure> figure = Figure.of(p.query().trim());
        String promql = figure.map(f -> queries.query(service, f, null)).orElseGet(() -> queries.render(service, p.query()));
        Instant now = Instant.now(clock);
        String link = prometheus.graphLink(promql, now.minus(LINK_RANGE), now).orElse(null);
        // bounded: the client completes every call by its deadline
        Reading reading = Reading.of(promql, link, prometheus.instant(promql, now).join());
        String label = figure.map(Figure::label).orElse("query");

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("query", promql);
        data.put("link", link);
        data.put("state", reading.state());
        data.put("value", reading.last());
        data.put("threshold", p.threshold());
        data.put("comparison", p.threshold() == null ? null : p.comparisonOrDefault());
        data.put("error", reading.error());
        if (Reading.FAILED.equals(reading.state())) {
            return StepResult.of(StepResult.ERROR, label + " not read: " + reading.error(), data);
        }
        if (!reading.ok()) return StepResult.of(StepResult.NO_DATA, label + ": no data (no series)", data);
        String value = format(figure, reading.last());
        if (p.threshold() == null) return StepResult.of(StepResult.PASSED, label + " " + value, data);
        boolean holds = holds(reading.last(), p.comparisonOrDefault(), p.threshold());
        return StepResult.of(holds ? StepResult.PASSED : StepResult.FAILED, label + " " + value + " (passes when "
                + p.comparisonOrDefault() + " " + format(figure, p.threshold()) + ")", data);
    }

    static boolean holds(double value, String comparison, double threshold) {
        return switch (comparison) {
            case "<" -> value < threshold;
            case "<=" -> value <= threshold;
            case ">" -> value > threshold;
            case ">=" -> value >= threshold;
            default -> throw new IllegalArgumentException("comparison " + comparison);
        };
    }

    private static String format(Optional<Figure> figure, double v) {
        return figure.map(f -> MetricsText.format(f.unit(), v)).orElseGet(() -> String.format(Locale.ROOT, "%.4g", v));
    }
}
