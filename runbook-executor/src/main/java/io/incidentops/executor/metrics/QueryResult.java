package io.incidentops.executor.metrics;

import java.util.List;
import java.util.Map;

/**
 * What Prometheus answered to one query: the series it returned (none = "no data"), or why it could not answer.
 * An instant query's vector gives series of one sample each, a range query's matrix many.
 */
public record QueryResult(List<Series> series, String error) {

    /** One series: its labels and its samples, oldest first; NaN samples (0/0, no traffic) are left out. */
    public record Series(Map<String, String> labels, List<Sample> samples) {
    }

    public record Sample(double epochSeconds, double value) {
    }

    public static QueryResult of(List<Series> series) {
        return new QueryResult(List.copyOf(series), null);
    }

    public static QueryResult failed(String error) {
        return new QueryResult(List.of(), error);
    }

    public boolean failed() {
        return error != null;
    }

    /** Every sample of every series, in one list. */
    public List<Sample> samples() {
        return series.stream().flatMap(s -> s.samples().stream()).toList();
    }
}
