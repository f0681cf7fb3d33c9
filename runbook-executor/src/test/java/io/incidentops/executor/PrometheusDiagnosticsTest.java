package io.incidentops.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.events.EventType;
import io.incidentops.events.executor.DiagnosticsCollected;
import io.incidentops.events.model.IncidentType;
import io.incidentops.executor.diagnostics.DiagnosticRun;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.StreamSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.incidentops.executor.PrometheusStubs.instant;
import static io.incidentops.executor.PrometheusStubs.matrix;
import static io.incidentops.executor.PrometheusStubs.range;
import static io.incidentops.executor.PrometheusStubs.vector;
import static io.incidentops.executor.TestEvents.count;
import static io.incidentops.executor.TestEvents.dataOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Diagnostics read error rate, latency and saturation from Prometheus's HTTP API (WireMock answering with bodies in
 * Prometheus's own format), compare them with the same window 1 and 7 days earlier and keep each query and its link.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = WireMockResource.class, restrictToAnnotatedClass = false)
class PrometheusDiagnosticsTest extends EventsTestBase {

    private static final String RANGE = PrometheusStubs.RANGE;


    @Test
    void quarkusServiceFiguresAgainstTheirBaselines() throws Exception {
        WireMockResource.server().stubFor(get(urlEqualTo("/health/prom-svc")).willReturn(aResponse().withStatus(200)));
        String errors = "sum(rate(http_server_requests_seconds_count{job=\"prom-svc\",status=~\"5..\"}[5m]%s))"
                + " / sum(rate(http_server_requests_seconds_count{job=\"prom-svc\"}[5m]%s))";
        String p95 = "histogram_quantile(0.95, sum by (le) (rate(http_server_requests_seconds_bucket{job=\"prom-svc\"}[5m]%s)))";
        String p99 = "histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket{job=\"prom-svc\"}[5m]%s)))";
        range(offset(errors, ""), matrix("0.02", "0.125", "0.11"));
        range(offset(errors, " offset 1d"), matrix("0.003", "0.005"));
        range(offset(errors, " offset 7d"), matrix("NaN", "NaN")); // no traffic a week ago: 0/0
        range(offset(p95, ""), matrix("0.3", "0.85", "0.85"));
        range(offset(p95, " offset 1d"), matrix("0.12", "0.12"));
        range(offset(p95, " offset 7d"), matrix("0.118"));
        WireMockResource.server().stubFor(get(urlPathEqualTo(RANGE)).withQueryParam("query", equalTo(offset(p99, "")))
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json").withBody(
                        "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"query processing would load too many samples into memory in query execution\"}")));
        instant("sum(rate(container_cpu_usage_seconds_total{container=\"prom-svc\"}[5m]))", vector("1.85"));
        instant("sum(container_memory_working_set_bytes{container=\"prom-svc\"})", vector("536870912"));
        instant("sum(increase(kube_pod_container_status_restarts_total{container=\"prom-svc\"}[1h]))", vector("3"));

        String incident = TestIds.newIncidentId();
        DiagnosticsCollected diagnostics = declareAndAwaitDiagnostics(incident, "prom-svc", "prom-svc error rate above 5%");

        assertThat(diagnostics.errorRate())
                .isEqualTo("12.5 % peak, 11.0 % now (same window 1 d earlier: 0.40 %, 7 d earlier: no data)");
        assertThat(diagnostics.latency()).isEqualTo("p95 latency 850 ms peak, 850 ms now (same window 1 d earlier: 120 ms,"
                + " 7 d earlier: 118 ms); p99 latency unknown");
        assertThat(diagnostics.infrastructure())
                .isEqualTo("CPU 1.85 cores, memory 512 MiB, restarts in the last hour 3; health endpoint HTTP 200");

        JsonNode figures = storedFigures(incident);
        JsonNode errorRate = figure(figures, "error-rate");
        assertThat(errorRate.at("/now/query").asText()).isEqualTo(offset(errors, ""));
        assertThat(errorRate.at("/now/peak").asDouble()).isEqualTo(0.125);
        assertThat(errorRate.at("/now/link").asText()).startsWith(WireMockResource.server().baseUrl()
                + WireMockResource.PROMETHEUS_PATH + "/graph?g0.expr=" + URLEncoder.encode(offset(errors, ""), StandardCharsets.UTF_8)
                + "&g0.tab=0&g0.range_input=");
        assertThat(errorRate.at("/dayBefore/query").asText()).isEqualTo(offset(errors, " offset 1d"));
        assertThat(errorRate.at("/weekBefore/state").asText()).isEqualTo("no data");
        JsonNode p99Reading = figure(figures, "latency-p99").get("now");
        assertThat(p99Reading.get("state").asText()).isEqualTo("failed");
        assertThat(p99Reading.get("error").asText())
                .isEqualTo("HTTP 422, execution: query processing would load too many samples into memory in query execution");
    }

    @Test
    void openTelemetryNamesAndADeadlineThatCoversTheBody() throws Exception {
        String errors = "sum(rate(http_server_request_duration_seconds_count{service_name=\"otel-svc\",http_response_status_code=~\"5..\"}[5m]))"
                + " / sum(rate(http_server_request_duration_seconds_count{service_name=\"otel-svc\"}[5m]))";
        range(errors, matrix("0.5"));
        // headers at once, the body dribbling in over longer than the 2 s deadline
        WireMockResource.server().stubFor(get(urlPathEqualTo(RANGE)).withQueryParam("query", equalTo(
                        "histogram_quantile(0.95, sum by (le) (rate(http_server_request_duration_seconds_bucket{service_name=\"otel-svc\"}[5m])))"))
                .willReturn(okJson(matrix("0.2")).withChunkedDribbleDelay(20, 6000)));

        String incident = TestIds.newIncidentId();
        DiagnosticsCollected diagnostics = declareAndAwaitDiagnostics(incident, "otel-svc", "otel-svc slow");

        assertThat(diagnostics.errorRate())
                .isEqualTo("50.0 % peak, 50.0 % now (same window 1 d earlier: no data, 7 d earlier: no data)");
        assertThat(diagnostics.latency()).isEqualTo("p95 latency unknown; p99 latency no data");
        assertThat(diagnostics.infrastructure()).isEqualTo("CPU no data, memory no data, restarts in the last hour no data");
        assertThat(figure(storedFigures(incident), "latency-p95").at("/now/error").asText())
                .isEqualTo("no answer from Prometheus within 2000 ms");
    }

    private DiagnosticsCollected declareAndAwaitDiagnostics(String incident, String service, String title) {
        TestEvents.sendDeclared(kafka, TestEvents.declared(incident, service, IncidentType.PERFORMANCE_DEGRADATION,
                title, Instant.now().minusSeconds(120)));
        return dataOf(TestEvents.await(kafka, incident, l -> count(l, EventType.DIAGNOSTICS_COLLECTED) == 1),
                EventType.DIAGNOSTICS_COLLECTED, DiagnosticsCollected.class).get(0);
    }

    private JsonNode storedFigures(String incident) throws Exception {
        String json = QuarkusTransaction.requiringNew().call(() -> em.find(DiagnosticRun.class, incident).metrics);
        return new ObjectMapper().readTree(json).get("figures");
    }

    private static JsonNode figure(JsonNode figures, String name) {
        return StreamSupport.stream(figures.spliterator(), false).filter(f -> name.equals(f.get("name").asText()))
                .findFirst().orElseThrow();
    }

    private static String offset(String template, String offset) {
        return template.formatted(offset, offset);
    }
}
