package io.incidentops.executor.metrics;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The figures as short lines for people (the report's "Error Rate Peak", the timeline): "12.3 % peak, 11.8 % now
 * (same window 1 d earlier: 0.4 %, 7 d earlier: 0.5 %)". A figure Prometheus had no series for reads "no data"; one
 * it could not read is left out (null when nothing at all could be read: the contract's "unknown").
 */
public final class MetricsText {

    private MetricsText() {
    }

    /** e.g. "12.3 % peak, 11.8 % now (same window 1 d earlier: 0.4 %, 7 d earlier: 0.5 %)"; null if unreadable. */
    public static String errorRate(MetricsSnapshot snapshot) {
        return snapshot.figure(Figure.ERROR_RATE).filter(MetricsText::readable).map(MetricsText::compared).orElse(null);
    }

    /** e.g. "p95 latency 850 ms peak, ...; p99 latency unknown"; null if neither could be read. */
    public static String latency(MetricsSnapshot snapshot) {
        var latencies = Stream.of(Figure.LATENCY_P95, Figure.LATENCY_P99).flatMap(f -> snapshot.figure(f).stream()).toList();
        if (latencies.stream().noneMatch(MetricsText::readable)) return null;
        return latencies.stream().map(r -> r.label() + " " + (readable(r) ? compared(r) : "unknown"))
                .collect(Collectors.joining("; "));
    }

    /** e.g. "CPU 1.85 cores, memory 512 MiB, restarts in the last hour 0"; "metrics not configured". */
    public static String saturation(MetricsSnapshot snapshot) {
        if (!snapshot.configured()) return "metrics not configured (no Prometheus URL)";
        String text = Stream.of(Figure.CPU, Figure.MEMORY, Figure.RESTARTS)
                .flatMap(f -> snapshot.figure(f).filter(r -> !Reading.FAILED.equals(r.now().state()))
                        .map(r -> f.label() + " " + (r.now().ok() ? format(f.unit(), r.now().last()) : r.now().state()))
                        .stream())
                .collect(Collectors.joining(", "));
        return text.isEmpty() ? null : text;
    }

    private static boolean readable(MetricsSnapshot.FigureReading r) {
        return !Reading.FAILED.equals(r.now().state());
    }

    private static String compared(MetricsSnapshot.FigureReading r) {
        Reading now = r.now();
        if (!now.ok()) return Reading.NO_DATA;
        return format(r.unit(), now.peak()) + " peak, " + format(r.unit(), now.last()) + " now (same window 1 d earlier: "
                + baseline(r.unit(), r.dayBefore()) + ", 7 d earlier: " + baseline(r.unit(), r.weekBefore()) + ")";
    }

    private static String baseline(Figure.Unit unit, Reading r) {
        if (r == null || Reading.FAILED.equals(r.state())) return "unknown";
        return r.ok() ? format(unit, r.mean()) : Reading.NO_DATA;
    }

    public static String format(Figure.Unit unit, double v) {
        if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
        return switch (unit) {
            case RATIO -> percent(v * 100);
            case SECONDS -> v < 1 ? String.format(Locale.ROOT, "%.0f ms", v * 1000) : String.format(Locale.ROOT, "%.2f s", v);
            case CORES -> String.format(Locale.ROOT, "%.2f cores", v);
            case BYTES -> v >= 1L << 30 ? String.format(Locale.ROOT, "%.2f GiB", v / (1L << 30))
                    : String.format(Locale.ROOT, "%.0f MiB", v / (1L << 20));
            case COUNT -> String.format(Locale.ROOT, "%.0f", v);
        };
    }

    private static String percent(double p) {
        if (p == 0) return "0 %";
        return String.format(Locale.ROOT, p < 0.1 ? "%.3f %%" : p < 10 ? "%.2f %%" : "%.1f %%", p);
    }
}
