package io.incidentops.executor.metrics;

/**
 * One figure as read from one query: the query itself and a link to Prometheus's graph of it (so anyone can check
 * it), then either figures ({@code state} {@code ok}), nothing ({@code no data}: Prometheus answered with no
 * series) or why it could not be read ({@code failed}, {@code error}). Over a window: {@code peak}, {@code last}
 * and {@code mean} of the samples; read at one instant, the three are that value.
 */
public record Reading(String query, String link, String state, Double peak, Double last, Double mean, String error) {

    public static final String OK = "ok";
    public static final String NO_DATA = "no data";
    public static final String FAILED = "failed";

    public boolean ok() {
        return OK.equals(state);
    }

    public static Reading of(String query, String link, QueryResult result) {
        if (result.failed()) return new Reading(query, link, FAILED, null, null, null, result.error());
        var samples = result.samples();
        if (samples.isEmpty()) return new Reading(query, link, NO_DATA, null, null, null, null);
        double peak = samples.stream().mapToDouble(QueryResult.Sample::value).max().orElseThrow();
        double mean = samples.stream().mapToDouble(QueryResult.Sample::value).average().orElseThrow();
        // the latest instant's value; with several series (a template without sum), the highest of them
        double latest = samples.stream().mapToDouble(QueryResult.Sample::epochSeconds).max().orElseThrow();
        double last = samples.stream().filter(s -> s.epochSeconds() == latest)
                .mapToDouble(QueryResult.Sample::value).max().orElseThrow();
        return new Reading(query, link, OK, peak, last, mean, null);
    }
}
