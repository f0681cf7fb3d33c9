package io.incidentops.executor;

import io.incidentops.events.EventType;
import io.incidentops.events.executor.MitigationFailed;
import io.incidentops.events.model.MitigationAction;
import io.incidentops.executor.mitigation.MitigationRequest;
import io.incidentops.executor.mitigation.MitigationService;
import io.incidentops.executor.mitigation.UnsettledMitigations;
import io.incidentops.executor.run.MitigationStep;
import io.incidentops.executor.run.RunbookRunService;
import io.incidentops.executor.run.StepResult;
import io.incidentops.executor.runbook.StepParameters;
import io.incidentops.testsupport.KafkaTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.incidentops.executor.IncidentFlowTest.viewer;
import static io.incidentops.executor.TestEvents.dataOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A mitigation left REQUESTED (the executor stopped between recording the attempt and its outcome) is closed as failed
 * once {@code mitigations.requested-timeout} (10 min) has passed, once however many replicas look, with a reason that
 * says the action may or may not have been applied; the step that requested it then takes that outcome. One recorded
 * just now is an action in flight and is left alone.
 */
@QuarkusTest
class MitigationTimeoutTest {

    private static final String REASON = "no outcome recorded within 10 min, the action may or may not have been "
            + "applied: check the target";

    private final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    MitigationService mitigations;

    @Inject
    UnsettledMitigations unsettled;

    @Inject
    MitigationStep step;

    @Inject
    MeterRegistry registry;

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aMitigationLeftRequestedClosesAsFailedOnceAndItsStepTakesThatOutcome() throws Exception {
        String incident = MitigationTest.declare(kafka, "stuck-svc");
        double timedOutBefore = Counters.count(registry, "incidentops.executor.mitigations", "action", "ROLLBACK",
                "outcome", "timed-out");
        RunbookRunService.DueStep due = new RunbookRunService.DueStep(UUID.randomUUID(), 4, "rollback", incident,
                "stuck-svc", "high_error_rate", "Roll back the last deployment",
                new StepParameters(null, null, null, null, null, null, null, null), null);
        // the step's attempt recorded 11 minutes ago, its webhook never answered (the replica stopped)
        UUID stuck = recordedOnly(incident, "step:" + due.runId() + ":" + due.step(), Instant.now().minus(11, ChronoUnit.MINUTES));
        // an attempt recorded just now: its action may still be under way
        UUID inFlight = recordedOnly(incident, "step:" + UUID.randomUUID() + ":4", Instant.now());

        // two replicas looking at once (and the scheduled closer meanwhile): closed once, the one in flight not at all
        List<UUID> closed = MitigationOnceTest.together(2, () -> unsettled.closeTimedOut()).stream()
                .flatMap(List::stream).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> status(incident, stuck).equals("FAILED"));
        assertThat(closed).doesNotContain(inFlight).filteredOn(stuck::equals).hasSizeLessThanOrEqualTo(1);
        assertThat(unsettled.closeTimedOut()).doesNotContain(stuck, inFlight);
        given().auth().oauth2(viewer()).get("/api/incidents/{id}/mitigations/{m}", incident, stuck).then()
                .body("status", equalTo("FAILED")).body("detail", equalTo(REASON));
        assertThat(status(incident, inFlight)).isEqualTo("REQUESTED");

        // claimed again, the step takes the recorded outcome instead of waiting for one; nothing was carried out
        StepResult again = MitigationOnceTest.claim(step, due);
        assertThat(again.outcome()).isEqualTo(StepResult.FAILED);
        assertThat(again.mitigationId()).isEqualTo(stuck);
        assertThat(again.summary()).contains(REASON);
        assertThat(WireMockResource.server().findAll(postRequestedFor(urlEqualTo("/actions/rollback"))
                .withRequestBody(containing(incident)))).isEmpty();

        // marker: the in-flight attempt's own outcome; before it, one mitigation.failed for the stuck one
        QuarkusTransaction.requiringNew().run(() -> mitigations.failed(inFlight, "marker", null));
        List<ConsumerRecord<String, String>> before = TestEvents.before(kafka, incident, r -> r.value().contains("marker"));
        List<MitigationFailed> failed = dataOf(before, EventType.MITIGATION_FAILED, MitigationFailed.class);
        assertThat(failed).extracting(MitigationFailed::mitigationId).containsExactly(stuck.toString());
        assertThat(failed.get(0).reason()).isEqualTo(REASON);
        assertThat(TestEvents.count(before, EventType.ESCALATION_REQUESTED)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> Counters.count(registry, "incidentops.executor.mitigations",
                "action", "ROLLBACK", "outcome", "timed-out") == timedOutBefore + 1);
    }

    /** As transaction 1 of a mitigation leaves it when the executor stops before the action answers. */
    private UUID recordedOnly(String incident, String attemptKey, Instant at) {
        MitigationRequest request = new MitigationRequest(MitigationAction.ROLLBACK, null, null, "bad deploy");
        return QuarkusTransaction.requiringNew().call(() -> mitigations.record(mitigations.target(incident, request),
                request, "runbook:stuck", at, null, Optional.empty(), attemptKey).mitigation().id);
    }

    private static String status(String incident, UUID mitigation) {
        return given().auth().oauth2(viewer()).get("/api/incidents/{id}/mitigations/{m}", incident, mitigation)
                .then().statusCode(200).extract().path("status");
    }
}
