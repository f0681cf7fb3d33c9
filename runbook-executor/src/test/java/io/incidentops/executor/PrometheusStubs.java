package io.incidentops.executor;

import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** Prometheus's HTTP API on {@link WireMockResource}: answers in Prometheus's own format to one exact query each. */
public final class PrometheusStubs {

    public static final String RANGE = WireMockResource.PROMETHEUS_PATH + "/api/v1/query_range";
    public static final String INSTANT = WireMockResource.PROMETHEUS_PATH + "/api/v1/query";

    private PrometheusStubs() {
    }

    /** {@code query_range} of {@code query} answers {@code body} (the latest stub of the same query wins). */
    public static void range(String query, String body) {
        WireMockResource.server().stubFor(get(urlPathEqualTo(RANGE)).withQueryParam("query", equalTo(query))
                .willReturn(okJson(body)));
    }

    /** {@code query} (instant) of {@code query} answers {@code body}. */
    public static void instant(String query, String body) {
        WireMockResource.server().stubFor(get(urlPathEqualTo(INSTANT)).withQueryParam("query", equalTo(query))
                .willReturn(okJson(body)));
    }

    /** A query_range answer: one series, a sample every 15 s. */
    public static String matrix(String... values) {
        StringBuilder samples = new StringBuilder();
        double t = Instant.now().getEpochSecond() - 15.0 * values.length + 0.781;
        for (int i = 0; i < values.length; i++) {
            if (i > 0) samples.append(',');
            samples.append('[').append(t + 15 * i).append(",\"").append(values[i]).append("\"]");
        }
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":["
                + samples + "]}]}}";
    }

    /** A query answer: one sample. */
    public static String vector(String value) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":["
                + (Instant.now().getEpochSecond() + 0.781) + ",\"" + value + "\"]}]}}";
    }
}
