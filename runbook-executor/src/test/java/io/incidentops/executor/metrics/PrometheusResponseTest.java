package io.incidentops.executor.metrics;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Prometheus's API envelope, with bodies as Prometheus writes them (docs: "Expression queries"). */
class PrometheusResponseTest {

    @Test
    void vectorMatrixAndScalar() {
        QueryResult vector = parse(200, """
                {"status":"success","data":{"resultType":"vector","result":[
                  {"metric":{"__name__":"up","job":"prometheus","instance":"localhost:9090"},"value":[1435781451.781,"1"]},
                  {"metric":{"__name__":"up","job":"node","instance":"localhost:9100"},"value":[1435781451.781,"0"]}]}}""");
        assertThat(vector.failed()).isFalse();
        assertThat(vector.series()).hasSize(2);
        assertThat(vector.series().get(0).labels()).containsEntry("job", "prometheus");
        assertThat(vector.samples()).extracting(QueryResult.Sample::value).containsExactly(1.0, 0.0);

        QueryResult matrix = parse(200, """
                {"status":"success","data":{"resultType":"matrix","result":[
                  {"metric":{"job":"checkout"},"values":[[1435781430.781,"0.5"],[1435781445.781,"NaN"],[1435781460.781,"+Inf"]]}]}}""");
        assertThat(matrix.samples()).extracting(QueryResult.Sample::value)
                .as("NaN (0/0: no requests) is no sample").containsExactly(0.5, Double.POSITIVE_INFINITY);

        QueryResult scalar = parse(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1435781451.781,\"2\"]}}");
        assertThat(scalar.series()).singleElement().satisfies(s -> assertThat(s.labels()).isEqualTo(Map.of()));
        assertThat(scalar.samples()).extracting(QueryResult.Sample::value).containsExactly(2.0);
    }

    @Test
    void emptyResultIsNoDataNotAFailure() {
        QueryResult empty = parse(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
        assertThat(empty.failed()).isFalse();
        assertThat(empty.series()).isEmpty();
    }

    @Test
    void errorsSayWhy() {
        assertThat(parse(400, """
                {"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": 1:6: parse error: unexpected end of input"}""")
                .error()).isEqualTo("HTTP 400, bad_data: invalid parameter \"query\": 1:6: parse error: unexpected end of input");
        assertThat(parse(503, "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in query execution\"}")
                .error()).isEqualTo("HTTP 503, timeout: query timed out in query execution");
        assertThat(parse(502, "<html>Bad Gateway</html>").error()).isEqualTo("HTTP 502, not Prometheus API JSON");
        assertThat(parse(200, "[]").error()).isEqualTo("HTTP 200, not Prometheus API JSON");
        assertThat(parse(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1,\"x\"]}}").error())
                .isEqualTo("unexpected result type string");
    }

    @Test
    void manySeriesAreCapped() {
        String series = String.join(",", java.util.Collections.nCopies(PrometheusResponse.MAX_SERIES + 10,
                "{\"metric\":{},\"value\":[1435781451.781,\"1\"]}"));
        List<QueryResult.Series> parsed = parse(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + series + "]}}").series();
        assertThat(parsed).hasSize(PrometheusResponse.MAX_SERIES);
    }

    private static QueryResult parse(int status, String body) {
        return PrometheusResponse.parse(status, body.getBytes(StandardCharsets.UTF_8));
    }
}
