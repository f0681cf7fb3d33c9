package io.incidentops.executor;

import io.incidentops.events.EventType;
import io.incidentops.events.executor.MitigationFailed;
import io.incidentops.events.executor.RecoveryFailed;
import io.incidentops.events.executor.RecoveryVerified;
import io.incidentops.events.model.MitigationAction;
import io.incidentops.testsupport.InfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.incidentops.executor.TestEvents.count;
import static io.incidentops.executor.TestEvents.dataOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a mitigation the effect is verified, not assumed: a healthy endpoint is not enough, error rate and p95 over
 * the stability window (query_range) must be back under their thresholds against the 1-day baseline.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = WireMockResource.class, restrictToAnnotatedClass = false)
class EffectVerificationTest extends EventsTestBase {

    @Test
    void figuresBackToNormalVerifyRecoveryAndSaySo() {
        figures("effect-good-svc", "0.004", "0.003", "0.1", "0.09");
        List<ConsumerRecord<String, String>> events = mitigate("effect-good-svc",
                l -> count(l, EventType.RECOVERY_VERIFIED) == 1);
        assertThat(dataOf(events, EventType.RECOVERY_VERIFIED, RecoveryVerified.class).get(0).checks())
                .contains("/health/effect-good-svc")
                .endsWith("over the last 2 s: error rate peak 0.40 % <= 1.00 % (max(2.0 x 1-day baseline 0.30 %, 1.00 %));"
                        + " p95 peak 100 ms <= 135 ms (1.5 x 1-day baseline 90 ms)");
    }

    @Test
    void aHealthyEndpointWithErrorsStillHighIsAFailedMitigationWithTheFigures() {
        figures("effect-bad-svc", "0.2", "0.001", "0.1", "0.1");
        List<ConsumerRecord<String, String>> events = mitigate("effect-bad-svc",
                l -> count(l, EventType.MITIGATION_FAILED) == 1 && count(l, EventType.RECOVERY_FAILED) == 1
                        && count(l, EventType.ESCALATION_REQUESTED) == 1);
        assertThat(count(events, EventType.RECOVERY_VERIFIED)).isZero();
        MitigationFailed failed = dataOf(events, EventType.MITIGATION_FAILED, MitigationFailed.class).get(0);
        assertThat(failed.action()).isEqualTo(MitigationAction.SCALE);
        assertThat(failed.target()).isEqualTo("effect-bad-svc");
        assertThat(failed.requestedBy()).isEqualTo("bob");
        assertThat(failed.reason()).isEqualTo("error rate or latency not back to normal over the last 2 s, 4 s after"
                + " the mitigation: error rate peak 20.0 % > 1.00 % (max(2.0 x 1-day baseline 0.10 %, 1.00 %));"
                + " p95 peak 100 ms <= 150 ms (1.5 x 1-day baseline 100 ms)");
        assertThat(dataOf(events, EventType.RECOVERY_FAILED, RecoveryFailed.class).get(0).reason()).isEqualTo(failed.reason());
    }

    @Test
    void noDataIsNotRecovered() {
        List<ConsumerRecord<String, String>> events = mitigate("nodata-svc", l -> count(l, EventType.RECOVERY_FAILED) == 1);
        assertThat(count(events, EventType.RECOVERY_VERIFIED)).isZero();
        assertThat(dataOf(events, EventType.RECOVERY_FAILED, RecoveryFailed.class).get(0).reason())
                .endsWith(": error rate no data (not recovered); p95 no data (not recovered)");
    }

    private List<ConsumerRecord<String, String>> mitigate(String service,
                                                          java.util.function.Predicate<List<ConsumerRecord<String, String>>> enough) {
        WireMockResource.server().stubFor(get(urlEqualTo("/health/" + service)).willReturn(aResponse().withStatus(200)));
        WireMockResource.server().stubFor(post(urlEqualTo("/actions/scale")).willReturn(aResponse().withStatus(200)));
        String incident = MitigationTest.declare(kafka, service);
        given().auth().oauth2(IncidentFlowTest.responder("bob")).contentType(ContentType.JSON)
                .body("{\"action\":\"SCALE\",\"reason\":\"more replicas\"}")
                .post("/api/incidents/{id}/mitigations", incident).then().statusCode(201);
        return TestEvents.await(kafka, incident, enough);
    }

    /** Flat error rate and p95 now and a day earlier. */
    private static void figures(String service, String errors, String errorsDayBefore, String p95, String p95DayBefore) {
        String e = "sum(rate(http_server_requests_seconds_count{job=\"" + service + "\",status=~\"5..\"}[5m]%s))"
                + " / sum(rate(http_server_requests_seconds_count{job=\"" + service + "\"}[5m]%s))";
        String l = "histogram_quantile(0.95, sum by (le) (rate(http_server_requests_seconds_bucket{job=\"" + service
                + "\"}[5m]%s)))";
        range(e.formatted("", ""), errors);
        range(e.formatted(" offset 1d", " offset 1d"), errorsDayBefore);
        range(l.formatted(""), p95);
        range(l.formatted(" offset 1d"), p95DayBefore);
    }

    private static void range(String query, String value) {
        PrometheusStubs.range(query, PrometheusStubs.matrix(value, value, value));
    }
}
