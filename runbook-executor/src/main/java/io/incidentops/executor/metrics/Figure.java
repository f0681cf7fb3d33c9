package io.incidentops.executor.metrics;

import java.util.Arrays;
import java.util.Optional;

/**
 * The figures diagnostics read from Prometheus. Compared ones are read over the incident's window and over the same
 * window 1 and 7 days earlier (their templates carry {@code {offset}}); the others are read once, now.
 */
public enum Figure {
    ERROR_RATE("error-rate", "error rate", Unit.RATIO, true),
    LATENCY_P95("latency-p95", "p95 latency", Unit.SECONDS, true),
    LATENCY_P99("latency-p99", "p99 latency", Unit.SECONDS, true),
    CPU("cpu", "CPU", Unit.CORES, false),
    MEMORY("memory", "memory", Unit.BYTES, false),
    RESTARTS("restarts", "restarts in the last hour", Unit.COUNT, false);

    public enum Unit { RATIO, SECONDS, CORES, BYTES, COUNT }

    private final String key;
    private final String label;
    private final Unit unit;
    private final boolean compared;

    Figure(String key, String label, Unit unit, boolean compared) {
        this.key = key;
        this.label = label;
        this.unit = unit;
        this.compared = compared;
    }

    /** The name in configuration and in the diagnostics endpoint, e.g. {@code error-rate}. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public Unit unit() {
        return unit;
    }

    public boolean compared() {
        return compared;
    }

    public static Optional<Figure> of(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }
}
