package io.incidentops.executor.metrics;

import io.incidentops.executor.config.ExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a service's figures for an incident. The window runs from {@code lead} before the incident started to now
 * (at most {@code max-window}); error rate and latency are read over it with {@code query_range}, and over the same
 * window 1 and 7 days earlier ({@code offset}); saturation is read now. All queries run at once, each under its own
 * deadline. Called from workers, never inside a transaction.
 */
@ApplicationScoped
public class ServiceMetrics {

    /** Enough points to see a peak, few enough to stay small. */
    private static final int POINTS = 120;
    private static final Duration MIN_STEP = Duration.ofSeconds(15);

    @Inject
    PrometheusClient prometheus;

    @Inject
    MetricQueries queries;

    @Inject
    ExecutorConfig config;

    /** @param incidentStart when impact started (else detection) */
    public MetricsSnapshot collect(String service, Instant incidentStart, Instant now) {
        if (!prometheus.configured()) return MetricsSnapshot.notConfigured(service);
        Instant earliest = now.minus(config.prometheus().maxWindow());
        Instant from = incidentStart.minus(config.prometheus().lead());
        if (from.isBefore(earliest)) from = earliest;
        if (!from.isBefore(now)) from = now.minus(config.prometheus().lead());
        if (service == null) return new MetricsSnapshot(true, null, from, now, List.of());
        Duration step = step(from, now);

        List<CompletableFuture<MetricsSnapshot.FigureReading>> pending = new ArrayList<>();
        for (Figure figure : Figure.values()) {
            if (figure.compared()) {
                CompletableFuture<Reading> current = range(service, figure, null, from, now, step);
                CompletableFuture<Reading> day = range(service, figure, "1d", from, now, step);
                CompletableFuture<Reading> week = range(service, figure, "7d", from, now, step);
                pending.add(CompletableFuture.allOf(current, day, week).thenApply(v -> new MetricsSnapshot.FigureReading(
                        figure.key(), figure.label(), figure.unit(), current.join(), day.join(), week.join())));
            } else {
                String query = queries.query(service, figure, null);
                Instant start = from;
                pending.add(prometheus.instant(query, now).thenApply(r -> new MetricsSnapshot.FigureReading(
                        figure.key(), figure.label(), figure.unit(),
                        Reading.of(query, prometheus.graphLink(query, start, now).orElse(null), r), null, null)));
            }
        }
        // every call completes by its own deadline, so this join is bounded too
        return new MetricsSnapshot(true, service, from, now, pending.stream().map(CompletableFuture::join).toList());
    }

    /** One compared figure over {@code [from, to]}, {@code offset} e.g. "1d" or null. */
    CompletableFuture<Reading> range(String service, Figure figure, String offset, Instant from, Instant to,
                                     Duration step) {
        String query = queries.query(service, figure, offset);
        String link = prometheus.graphLink(query, from, to).orElse(null);
        return prometheus.range(query, from, to, step).thenApply(r -> Reading.of(query, link, r));
    }

    static Duration step(Instant from, Instant to) {
        Duration step = Duration.ofSeconds(Math.max(1, Duration.between(from, to).toSeconds() / POINTS));
        return step.compareTo(MIN_STEP) < 0 ? MIN_STEP : step;
    }
}
