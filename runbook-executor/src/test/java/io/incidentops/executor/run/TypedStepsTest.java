package io.incidentops.executor.run;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.incidentops.events.EventCodec;
import io.incidentops.events.model.IncidentType;
import io.incidentops.executor.PrometheusStubs;
import io.incidentops.executor.TestEvents;
import io.incidentops.executor.WireMockResource;
import io.incidentops.executor.kubernetes.KubernetesFixtures;
import io.incidentops.executor.kubernetes.KubernetesProfile;
import io.incidentops.executor.kubernetes.KubernetesTestBase;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Typed runbook steps against the real parts: the health and other endpoints, status pages, a signed call and
 * Prometheus on WireMock; rollout history and mitigations on fabric8's mock API server, through the mitigation path.
 * The runbooks are in {@code src/test/resources/step-runbooks}, chosen by their keywords.
 */
@QuarkusTest
@TestProfile(KubernetesProfile.class)
@WithKubernetesTestServer(crud = true)
class TypedStepsTest extends KubernetesTestBase {

    @Test
    void checksRecordTheirOutcomeSummaryAndFiguresAndNoDataIsAnOutcomeOfItsOwn() throws Exception {
        String service = "steps-svc";
        WireMockResource.server().stubFor(get(urlEqualTo("/health/" + service)).willReturn(aResponse().withStatus(503)));
        WireMockResource.server().stubFor(get(urlEqualTo("/ready/" + service)).willReturn(aResponse().withStatus(200)));
        WireMockResource.server().stubFor(post(urlEqualTo("/calls/page-vendor")).willReturn(aResponse().withStatus(202)));
        String errorRate = "sum(rate(http_server_requests_seconds_count{job=\"steps-svc\",status=~\"5..\"}[5m]))"
                + " / sum(rate(http_server_requests_seconds_count{job=\"steps-svc\"}[5m]))";
        PrometheusStubs.instant(errorRate, PrometheusStubs.vector("0.125"));
        PrometheusStubs.instant("sum(up{job=\"steps-svc\"})", PrometheusStubs.vector("1"));
        WireMockResource.server().stubFor(get(urlPathEqualTo(PrometheusStubs.INSTANT))
                .withQueryParam("query", equalTo("sum(rate(refused_total{job=\"steps-svc\"}[5m]))"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
                        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}")));

        String incident = declare(service, "stepcheck " + service + " errors");
        JsonPath run = awaitRun(incident, "COMPLETED");

        assertThat(run.getList("steps.outcome")).containsExactly("failed", "passed", "skipped", "failed", "passed",
                "failed", "passed", "no-data", "error");
        assertThat(run.getList("steps.status")).containsOnly("DONE");
        assertThat(run.getList("steps.startedAt")).doesNotContainNull();
        assertThat(run.getList("steps.completedAt")).doesNotContainNull();
        assertThat(run.getString("steps[0].detail")).isEqualTo("DOWN: HTTP 503");
        assertThat(run.getInt("steps[0].result.httpStatus")).isEqualTo(503);
        assertThat(run.getString("steps[0].result.expected")).isEqualTo("HTTP 200");
        assertThat(run.getString("steps[1].detail")).isEqualTo("ready: HTTP 200");
        assertThat(run.getString("steps[1].result.url")).isEqualTo(WireMockResource.server().baseUrl() + "/ready/steps-svc");
        assertThat(run.getString("steps[2].detail")).isEqualTo("no endpoint 'nope' configured for steps-svc");
        assertThat(run.getString("steps[3].detail")).startsWith("payments DOWN (");
        assertThat(run.getString("steps[3].result[0].state")).isEqualTo("DOWN");

        LoggedRequest call = WireMockResource.server().findAll(postRequestedFor(urlEqualTo("/calls/page-vendor"))).stream()
                .filter(r -> r.getBodyAsString().contains(incident)).findFirst().orElseThrow();
        assertThat(call.getHeader("webhook-id")).isEqualTo(run.getString("runId") + "-5");
        assertThat(call.getHeader("webhook-signature")).isEqualTo(WireMockResource.signature(call.getHeader("webhook-id"),
                call.getHeader("webhook-timestamp"), call.getBodyAsString()));
        assertThat(EventCodec.mapper().readTree(call.getBodyAsString()).path("title").asText()).isEqualTo("Tell the vendor");
        assertThat(run.getString("steps[4].detail")).isEqualTo("call page-vendor: action webhook answered HTTP 202");

        assertThat(run.getString("steps[5].detail")).isEqualTo("error rate 12.5 % (passes when <= 5.00 %)");
        assertThat(run.getString("steps[5].result.query")).isEqualTo(errorRate);
        assertThat(run.getDouble("steps[5].result.value")).isEqualTo(0.125);
        assertThat(run.getString("steps[5].result.link")).startsWith(WireMockResource.server().baseUrl()
                + WireMockResource.PROMETHEUS_PATH + "/graph?g0.expr=");
        assertThat(run.getString("steps[6].detail")).isEqualTo("query 1.000 (passes when >= 1.000)");
        assertThat(run.getString("steps[6].parameters.comparison")).isEqualTo(">=");
        assertThat(run.getString("steps[7].detail")).isEqualTo("memory: no data (no series)");
        assertThat(run.getString("steps[7].result.state")).isEqualTo("no data");
        assertThat(run.getString("steps[8].detail")).isEqualTo("query not read: HTTP 400, bad_data: parse error");
    }

    @Test
    void mitigationStepsGoThroughTheMitigationPathAndOneNeedingApprovalWaitsForIt() {
        String service = "k8s-steps";
        Deployment app = KubernetesFixtures.deployment(client(), NS, "steps-app", "shop/steps:2", 2, 2);
        KubernetesFixtures.replicaSet(client(), app, 1, "shop/steps:1");
        KubernetesFixtures.replicaSet(client(), app, 2, "shop/steps:2");
        String incident = declare(service, "stepmitigate " + service + " errors since the rollout");

        JsonPath run = awaitSteps(incident, r -> "DONE".equals(r.getString("steps[0].status")));
        assertThat(run.getString("steps[0].detail")).contains("rollout revision 2").contains("shop/steps:2");
        // a mitigation step waits for every step before it: nothing requested while the manual step is open
        assertThat(run.getString("steps[2].status")).isEqualTo("PENDING");
        assertThat(run.getString("steps[2].mitigationId")).isNull();
        assertThat(image()).isEqualTo("shop/steps:2");

        given().auth().oauth2(InfraTestResource.token("rita", "responder")).contentType(ContentType.JSON)
                .body("{\"outcome\":\"confirmed\"}")
                .post("/api/runbook-runs/{run}/steps/{step}/confirm", run.getString("runId"), 2).then().statusCode(200);
        run = awaitSteps(incident, r -> "AWAITING_APPROVAL".equals(r.getString("steps[4].status")));

        assertThat(run.getList("steps.outcome")).containsExactly("passed", "confirmed", "passed", "passed",
                "awaiting-approval");
        assertThat(run.getString("status")).isEqualTo("RUNNING");
        assertThat(image()).as("rolled back by the mitigation the step requested").isEqualTo("shop/steps:1");
        assertThat(replicas()).isEqualTo(4);
        String rollback = run.getString("steps[2].mitigationId");
        assertThat(run.getString("steps[2].result.status")).isEqualTo("APPLIED");
        assertThat(run.getString("steps[3].detail")).startsWith("SCALE of k8s-steps applied: scaled steps-app from 2 to 4");
        JsonPath mitigation = given().auth().oauth2(viewer())
                .get("/api/incidents/{id}/mitigations/{m}", incident, rollback).then().statusCode(200).extract().jsonPath();
        assertThat(mitigation.getString("requestedBy")).isEqualTo("runbook:steps_mitigate");
        assertThat(mitigation.getString("reason")).isEqualTo("Runbook steps_mitigate step 3: Roll back");
        assertThat(mitigation.getString("approval.state")).isEqualTo("AUTOMATIC");
        assertThat(mitigation.getList("audit.after.images")).isEqualTo(List.of("app=shop/steps:1"));

        String isolation = run.getString("steps[4].mitigationId");
        assertThat(run.getString("steps[4].detail"))
                .isEqualTo("BLOCK_TRAFFIC of k8s-steps awaits a commander's approval (mitigation " + isolation + ")");
        String waiting = given().auth().oauth2(viewer()).get("/api/incidents/{id}/mitigations/{m}", incident, isolation)
                .then().statusCode(200).extract().path("status");
        assertThat(waiting).isEqualTo("AWAITING_APPROVAL");
        assertThat(policy()).as("nothing isolated before a commander approves").isNull();

        given().auth().oauth2(InfraTestResource.token("cora", "commander"))
                .post("/api/incidents/{id}/mitigations/{m}/approve", incident, isolation).then().statusCode(200);
        run = awaitRun(incident, "COMPLETED");
        assertThat(run.getString("steps[4].outcome")).isEqualTo("passed");
        assertThat(run.getString("steps[4].detail")).startsWith("BLOCK_TRAFFIC of k8s-steps applied: isolated steps-app");
        assertThat(run.getString("steps[4].result.status")).isEqualTo("APPLIED");
        assertThat(policy()).isNotNull();
    }

    private String declare(String service, String title) {
        String incident = TestIds.newIncidentId();
        TestEvents.sendDeclared(kafka, TestEvents.declared(incident, service, IncidentType.PERFORMANCE_DEGRADATION, title,
                Instant.now()));
        return incident;
    }

    private static JsonPath awaitRun(String incident, String status) {
        return awaitSteps(incident, r -> status.equals(r.getString("status")));
    }

    /** The incident's run as the API shows it, once {@code until} holds. */
    private static JsonPath awaitSteps(String incident, Predicate<JsonPath> until) {
        AtomicReference<JsonPath> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var response = given().auth().oauth2(viewer()).get("/api/incidents/{id}/runbook-runs", incident);
            if (response.statusCode() != 200 || response.jsonPath().getList("$").isEmpty()) return false;
            last.set(JsonPath.from(EventCodec.mapper().writeValueAsString(response.jsonPath().getMap("[0]"))));
            return until.test(last.get());
        });
        return last.get();
    }

    private String image() {
        return KubernetesFixtures.image(client(), NS, "steps-app");
    }

    private int replicas() {
        return client().apps().deployments().inNamespace(NS).withName("steps-app").get().getSpec().getReplicas();
    }

    private Object policy() {
        return client().network().v1().networkPolicies().inNamespace(NS).withName("incidentops-isolate-steps-app").get();
    }

    private static String viewer() {
        return InfraTestResource.token("vera", "viewer");
    }
}
