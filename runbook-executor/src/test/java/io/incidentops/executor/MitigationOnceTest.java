package io.incidentops.executor;

import io.incidentops.events.model.MitigationAction;
import io.incidentops.executor.run.MitigationStep;
import io.incidentops.executor.run.RunbookRunService;
import io.incidentops.executor.run.StepResult;
import io.incidentops.executor.runbook.StepParameters;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.KafkaTestClient;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.incidentops.executor.IncidentFlowTest.responder;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * A mitigation is carried out once per attempt: two approvals at the same moment, a runbook step claimed again (its
 * lease ran out, another replica), and a retried request with the same Idempotency-Key each reach the action once.
 */
@QuarkusTest
class MitigationOnceTest {

    private static final String COMMANDER = InfraTestResource.token("cmd", "commander");

    private final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    MitigationStep step;

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void twoApprovalsAtTheSameMomentCarryTheActionOutOnce() throws Exception {
        WireMockResource.server().stubFor(post(urlEqualTo("/actions/failover")).willReturn(aResponse().withStatus(200)));
        String incident = MitigationTest.declare(kafka, "once-approve-svc");
        String id = given().auth().oauth2(responder("bob")).contentType(ContentType.JSON)
                .body("{\"action\":\"FAILOVER\",\"reason\":\"primary region down\"}")
                .post("/api/incidents/{id}/mitigations", incident).then().statusCode(202)
                .extract().path("mitigationId");

        List<Integer> statuses = together(2, () -> given().auth().oauth2(COMMANDER)
                .post("/api/incidents/{id}/mitigations/{m}/approve", incident, id).statusCode());

        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        assertThat(calls("/actions/failover", incident)).isEqualTo(1);
    }

    @Test
    void aStepClaimedAgainFindsItsMitigationAndCarriesNothingOutTwice() throws Exception {
        WireMockResource.server().stubFor(post(urlEqualTo("/actions/rollback")).willReturn(aResponse().withStatus(200)));
        String incident = MitigationTest.declare(kafka, "once-step-svc");
        RunbookRunService.DueStep due = new RunbookRunService.DueStep(UUID.randomUUID(), 4, "rollback", incident,
                "once-step-svc", "high_error_rate", "Roll back the last deployment",
                new StepParameters(null, null, null, null, null, null, null, null), null);

        // two replicas at once (the second waits for the first one's record), then a third claim after the lease
        List<Object> outcomes = together(2, () -> {
            try {
                return claim(step, due);
            } catch (IllegalStateException inFlight) {
                return inFlight; // the other one's action had no outcome yet: left to the lease
            }
        });
        StepResult again = claim(step, due);

        assertThat(calls("/actions/rollback", incident)).isEqualTo(1);
        assertThat(again.outcome()).isEqualTo(StepResult.PASSED);
        assertThat(outcomes).filteredOn(StepResult.class::isInstance).isNotEmpty()
                .allSatisfy(o -> assertThat(((StepResult) o).mitigationId()).isEqualTo(again.mitigationId()));
        given().auth().oauth2(IncidentFlowTest.viewer()).get("/api/incidents/{id}/mitigations", incident).then()
                .body("size()", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void aRetriedRequestWithTheSameIdempotencyKeyIsCarriedOutOnce() {
        WireMockResource.server().stubFor(post(urlEqualTo("/actions/rollback")).willReturn(aResponse().withStatus(200)));
        String incident = MitigationTest.declare(kafka, "once-request-svc");
        String key = UUID.randomUUID().toString();
        String body = "{\"action\":\"ROLLBACK\",\"reason\":\"bad deploy\"}";
        String first = given().auth().oauth2(responder("bob")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/incidents/{id}/mitigations", incident)
                .then().statusCode(201).extract().path("mitigationId");
        String retried = given().auth().oauth2(responder("bob")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).post("/api/incidents/{id}/mitigations", incident)
                .then().statusCode(201).extract().path("mitigationId");
        assertThat(retried).isEqualTo(first);
        // the same key for another request is refused, not taken for a retry
        given().auth().oauth2(responder("bob")).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"action\":\"RESTART\",\"reason\":\"bad deploy\"}")
                .post("/api/incidents/{id}/mitigations", incident).then().statusCode(400)
                .body(containsString("Idempotency-Key"));
        given().auth().oauth2(responder("bob")).header("Idempotency-Key", "x".repeat(300))
                .contentType(ContentType.JSON).body(body).post("/api/incidents/{id}/mitigations", incident)
                .then().statusCode(400);

        assertThat(calls("/actions/rollback", incident)).isEqualTo(1);
        assertThat(WireMockResource.server().findAll(postRequestedFor(urlEqualTo("/actions/rollback"))
                .withRequestBody(containing(incident))).get(0).getHeader("Idempotency-Key")).isEqualTo(first);
    }

    /** What the step worker does with a claimed step: run it in a request context of its own. */
    static StepResult claim(MitigationStep step, RunbookRunService.DueStep due) {
        ManagedContext context = Arc.container().requestContext();
        context.activate();
        try {
            return step.run(due, MitigationAction.ROLLBACK);
        } finally {
            context.terminate();
        }
    }

    static <T> List<T> together(int n, Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) futures.add(pool.submit(call));
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) results.add(f.get());
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int calls(String path, String incident) {
        return WireMockResource.server().findAll(postRequestedFor(urlEqualTo(path))
                .withRequestBody(containing(incident))).size();
    }
}
