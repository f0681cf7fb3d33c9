package io.incidentops.bench;

import org.HdrHistogram.Histogram;

/** Percentiles of a latency histogram recorded in microseconds, in milliseconds (null when nothing was recorded). */
record LatencyStats(long count, Double p50Ms, Double p90Ms, Double p99Ms, Double p999Ms, Double maxMs, Double meanMs) {

    /** Longest latency a histogram holds (longer ones are recorded as this). */
    static final long MAX_MICROS = 3_600_000_000L;

    static Histogram newHistogram() {
        return new Histogram(MAX_MICROS, 3);
    }

    static void record(Histogram h, long nanos) {
        h.recordValue(Math.max(0, Math.min(MAX_MICROS, nanos / 1_000)));
    }

    static LatencyStats of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new LatencyStats(0, null, null, null, null, null, null);
        }
        return ofMicros(h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(90),
                h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(), h.getMean());
    }

    /** From percentiles in microseconds (also those another tool computed: wrk). */
    static LatencyStats ofMicros(long count, long p50, long p90, long p99, long p999, long max, double mean) {
        return new LatencyStats(count, ms(p50), ms(p90), ms(p99), ms(p999), ms(max), (double) Math.round(mean / 10.0)
                / 100.0);
    }

    private static Double ms(long micros) {
        return (double) Math.round(micros / 10.0) / 100.0;
    }
}
