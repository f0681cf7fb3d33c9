package io.incidentops.executor.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the JSON envelope of Prometheus's HTTP API ({@code /api/v1/query}, {@code /api/v1/query_range}):
 * {@code {"status":"success","data":{"resultType":"vector|matrix|scalar","result":[...]}}} or
 * {@code {"status":"error","errorType":"bad_data","error":"..."}}. Sample values are strings ("NaN", "+Inf" too).
 */
final class PrometheusResponse {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A template without an aggregation can return thousands of series; a figure needs a few. */
    static final int MAX_SERIES = 50;

    private PrometheusResponse() {
    }

    static QueryResult parse(int httpStatus, byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            return QueryResult.failed("HTTP " + httpStatus + ", not Prometheus API JSON");
        }
        if (root == null || !root.isObject()) return QueryResult.failed("HTTP " + httpStatus + ", not Prometheus API JSON");
        if (!"success".equals(root.path("status").asText())) {
            String type = root.path("errorType").asText("");
            String error = root.path("error").asText("");
            String reason = (type.isEmpty() ? "" : type + ": ") + (error.isEmpty() ? "no error message" : error);
            return QueryResult.failed("HTTP " + httpStatus + ", " + shorten(reason));
        }
        if (httpStatus / 100 != 2) return QueryResult.failed("HTTP " + httpStatus);
        JsonNode data = root.path("data");
        JsonNode result = data.path("result");
        return switch (data.path("resultType").asText("")) {
            case "vector" -> QueryResult.of(series(result, "value", false));
            case "matrix" -> QueryResult.of(series(result, "values", true));
            case "scalar" -> QueryResult.of(sample(result).map(s -> List.of(new QueryResult.Series(Map.of(), List.of(s))))
                    .orElse(List.of()));
            default -> QueryResult.failed("unexpected result type " + shorten(data.path("resultType").asText("none")));
        };
    }

    private static List<QueryResult.Series> series(JsonNode result, String field, boolean many) {
        List<QueryResult.Series> out = new ArrayList<>();
        for (JsonNode s : result) {
            if (out.size() == MAX_SERIES) break;
            Map<String, String> labels = new LinkedHashMap<>();
            s.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            List<QueryResult.Sample> samples = new ArrayList<>();
            if (many) {
                s.path(field).forEach(v -> sample(v).ifPresent(samples::add));
            } else {
                sample(s.path(field)).ifPresent(samples::add);
            }
            if (!samples.isEmpty()) out.add(new QueryResult.Series(labels, samples));
        }
        return out;
    }

    /** {@code [<unix time>, "<value>"]}; NaN and unreadable pairs are no sample. */
    private static Optional<QueryResult.Sample> sample(JsonNode pair) {
        if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber()) return Optional.empty();
        double value;
        String text = pair.get(1).asText();
        try {
            // Prometheus writes infinities the Go way; histogram_quantile gives +Inf above the largest bucket
            value = "+Inf".equals(text) ? Double.POSITIVE_INFINITY : "-Inf".equals(text) ? Double.NEGATIVE_INFINITY
                    : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Double.isNaN(value) ? Optional.empty()
                : Optional.of(new QueryResult.Sample(pair.get(0).asDouble(), value));
    }

    private static String shorten(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
