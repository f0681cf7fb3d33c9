package io.incidentops.executor.metrics;

import io.incidentops.executor.config.ExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Whether error rate and latency are back to normal over a window (seed step 7, issue #11 item 6): with
 * {@code query_range} over the whole window, at every step error rate <= max(factor x its 1-day baseline, floor) and
 * p95 <= factor x its 1-day baseline (defaults 2, 1 %, 1.5). "No data" for the window is not recovered; without a
 * 1-day p95 baseline latency cannot be judged and does not count against recovery (said so in the figures).
 */
@ApplicationScoped
public class EffectJudge {

    @Inject
    PrometheusClient prometheus;

    @Inject
    ServiceMetrics metrics;

    @Inject
    ExecutorConfig config;

    /** The verdict and the figures behind it, for the events and the verification row. */
    public record Verdict(boolean recovered, String figures) {
    }

    /** Whether figures decide at all: Prometheus configured and a service to look at. */
    public boolean applies(String service) {
        return service != null && prometheus.configured();
    }

    /** Judges {@code [from, to]}; empty when figures do not apply. Outside any transaction. */
    public Optional<Verdict> judge(String service, Instant from, Instant to) {
        if (!applies(service)) return Optional.empty();
        Duration step = ServiceMetrics.step(from, to);
        CompletableFuture<Reading> errors = metrics.range(service, Figure.ERROR_RATE, null, from, to, step);
        CompletableFuture<Reading> errorsDayBefore = metrics.range(service, Figure.ERROR_RATE, "1d", from, to, step);
        CompletableFuture<Reading> p95 = metrics.range(service, Figure.LATENCY_P95, null, from, to, step);
        CompletableFuture<Reading> p95DayBefore = metrics.range(service, Figure.LATENCY_P95, "1d", from, to, step);
        CompletableFuture.allOf(errors, errorsDayBefore, p95, p95DayBefore).join(); // each under its own deadline
        ExecutorConfig.Recovery r = config.recovery();

        Reading e = errors.join();
        Reading eBase = errorsDayBefore.join();
        double baseline = eBase.ok() ? eBase.mean() : 0;
        double errorLimit = Math.max(r.errorRateFactor() * baseline, r.errorRateFloor());
        boolean errorsOk = e.ok() && e.peak() <= errorLimit;
        String errorText = "error rate " + (e.ok() ? "peak " + pct(e.peak()) + (errorsOk ? " <= " : " > ") + pct(errorLimit)
                + " (max(" + r.errorRateFactor() + " x 1-day baseline " + (eBase.ok() ? pct(baseline) : "no data")
                + ", " + pct(r.errorRateFloor()) + "))" : unread(e));

        Reading l = p95.join();
        Reading lBase = p95DayBefore.join();
        boolean latencyOk;
        String latencyText;
        if (!l.ok()) {
            latencyOk = false;
            latencyText = "p95 " + unread(l);
        } else if (!lBase.ok()) {
            latencyOk = true;
            latencyText = "p95 peak " + secs(l.peak()) + " (no 1-day baseline: not judged)";
        } else {
            double limit = r.latencyFactor() * lBase.mean();
            latencyOk = l.peak() <= limit;
            latencyText = "p95 peak " + secs(l.peak()) + (latencyOk ? " <= " : " > ") + secs(limit) + " ("
                    + r.latencyFactor() + " x 1-day baseline " + secs(lBase.mean()) + ")";
        }
        return Optional.of(new Verdict(errorsOk && latencyOk, errorText + "; " + latencyText));
    }

    private static String unread(Reading r) {
        return Reading.NO_DATA.equals(r.state()) ? "no data (not recovered)" : "unreadable: " + r.error();
    }

    private static String pct(double ratio) {
        return MetricsText.format(Figure.Unit.RATIO, ratio);
    }

    private static String secs(double seconds) {
        return MetricsText.format(Figure.Unit.SECONDS, seconds);
    }
}
