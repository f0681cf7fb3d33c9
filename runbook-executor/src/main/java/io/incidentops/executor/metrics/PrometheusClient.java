package io.incidentops.executor.metrics;

import io.incidentops.executor.config.ExecutorConfig;
import io.incidentops.executor.http.JsonGet;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static java.net.URLEncoder.encode;

/**
 * Prometheus's HTTP API: {@code GET /api/v1/query} and {@code /api/v1/query_range}. Every call has one deadline that
 * covers the whole exchange, body included, and never throws: a failure is a {@link QueryResult} that says why.
 */
@ApplicationScoped
public class PrometheusClient {

    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    @Inject
    ExecutorConfig config;

    private JsonGet http;

    @PostConstruct
    void init() {
        http = new JsonGet("Prometheus", config.prometheus().timeout(), config.prometheus().maxResponseBytes());
    }

    /** Whether a Prometheus URL is configured at all. */
    public boolean configured() {
        return baseUrl().isPresent();
    }

    /** The value of {@code promql} at {@code time}. */
    public CompletableFuture<QueryResult> instant(String promql, Instant time) {
        return get("/api/v1/query?query=" + encode(promql, StandardCharsets.UTF_8) + "&time=" + time.getEpochSecond());
    }

    /** {@code promql} evaluated every {@code step} from {@code start} to {@code end}. */
    public CompletableFuture<QueryResult> range(String promql, Instant start, Instant end, Duration step) {
        return get("/api/v1/query_range?query=" + encode(promql, StandardCharsets.UTF_8) + "&start=" + start.getEpochSecond()
                + "&end=" + end.getEpochSecond() + "&step=" + Math.max(1, step.toSeconds()) + "s");
    }

    /** Prometheus's graph page showing {@code promql} over {@code [start, end]}, for people to open. */
    public Optional<String> graphLink(String promql, Instant start, Instant end) {
        return config.prometheus().externalUrl().filter(u -> !u.isBlank()).or(this::baseUrl).map(base -> trim(base)
                + "/graph?g0.expr=" + encode(promql, StandardCharsets.UTF_8) + "&g0.tab=0"
                + "&g0.range_input=" + Math.max(1, Duration.between(start, end).toMinutes()) + "m"
                + "&g0.end_input=" + encode(GRAPH_TIME.format(end), StandardCharsets.UTF_8));
    }

    private CompletableFuture<QueryResult> get(String pathAndQuery) {
        Optional<String> base = baseUrl();
        if (base.isEmpty()) return CompletableFuture.completedFuture(QueryResult.failed("Prometheus is not configured"));
        return http.get(trim(base.get()) + pathAndQuery).thenApply(answer -> answer.failed()
                ? QueryResult.failed(answer.failure()) : PrometheusResponse.parse(answer.status(), answer.body()));
    }

    private Optional<String> baseUrl() {
        return config.prometheus().url().filter(u -> !u.isBlank());
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
