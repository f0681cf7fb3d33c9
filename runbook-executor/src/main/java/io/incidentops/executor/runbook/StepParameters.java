package io.incidentops.executor.runbook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of an automated step, validated when the runbook loads ({@link RunbookLoader}) and copied into the
 * run, so that a runbook edited later never changes a run under way. Unset ones are null.
 *
 * @param query        prometheus-query: a figure name of {@code MetricQueries} ({@code error-rate}, {@code memory}, ...)
 *                     or a PromQL template with {@code {service}}, {@code {app}}, {@code {pod}}, {@code {window}}
 * @param threshold    prometheus-query: the value the reading is compared with ({@code comparison}, default {@code <=})
 * @param comparison   prometheus-query: {@code <}, {@code <=}, {@code >} or {@code >=}: the step passes when
 *                     "reading comparison threshold" holds
 * @param replicas     scale: the replica count asked for
 * @param factor       scale: the current replica count times this, rounded up
 * @param endpoint     http-check: a name of the service's {@code endpoints} (default: its health URL)
 * @param expectStatus http-check: the HTTP status that passes (default: any 2xx)
 * @param call         signed-http-call: a name of {@code steps.calls}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepParameters(String query, Double threshold, String comparison, Integer replicas, Double factor,
                             String endpoint, @JsonProperty("expect-status") Integer expectStatus, String call) {

    public static final String DEFAULT_COMPARISON = "<=";

    /** The set ones by their YAML names, in declaration order (what the loader checks against the action). */
    public Map<String, Object> given() {
        Map<String, Object> given = new LinkedHashMap<>();
        put(given, "query", query);
        put(given, "threshold", threshold);
        put(given, "comparison", comparison);
        put(given, "replicas", replicas);
        put(given, "factor", factor);
        put(given, "endpoint", endpoint);
        put(given, "expect-status", expectStatus);
        put(given, "call", call);
        return given;
    }

    public String comparisonOrDefault() {
        return comparison == null ? DEFAULT_COMPARISON : comparison;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) map.put(key, value);
    }
}
