package io.incidentops.executor;

import io.incidentops.events.EventType;
import io.incidentops.events.executor.EscalationRequested;
import io.incidentops.events.executor.RecoveryFailed;
import io.incidentops.events.executor.RecoveryVerified;
import io.incidentops.events.intake.AlertsResolved;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.executor.recovery.RecoveryVerification;
import io.incidentops.testsupport.KafkaTestClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.incidentops.executor.IncidentFlowTest.responder;
import static io.incidentops.executor.IncidentFlowTest.viewer;
import static io.incidentops.executor.MitigationTest.beforeAMarkerRecovery;
import static io.incidentops.executor.MitigationTest.declare;
import static io.incidentops.executor.TestEvents.count;
import static io.incidentops.executor.TestEvents.dataOf;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * incident.alerts-resolved: the incident's service is verified healthy as after a mitigation (seed step 7 without
 * a mitigation), once, and not while the incident no longer waits for it.
 */
@QuarkusTest
class AlertsResolvedRecoveryTest {

    private final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    EntityManager em;

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void allAlertsResolvedIsVerifiedLikeAMitigationAndAnnouncedOnce() {
        healthy("calm-svc");
        String incident = declare(kafka, "calm-svc");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant resolvedAt = now.minusSeconds(60);

        UUID first = TestEvents.sendAlertsResolved(kafka, incident, 3, resolvedAt);
        TestEvents.redeliver(kafka, first, new AlertsResolved(incident, 3, resolvedAt)); // the same event again
        UUID republished = TestEvents.sendAlertsResolved(kafka, incident, 3, resolvedAt); // same fact, new event ID

        List<ConsumerRecord<String, String>> events = TestEvents.await(kafka, incident,
                l -> count(l, EventType.RECOVERY_VERIFIED) >= 1);
        RecoveryVerified verified = dataOf(events, EventType.RECOVERY_VERIFIED, RecoveryVerified.class).get(0);
        assertThat(verified.mitigationId()).isNull();
        assertThat(verified.checks()).startsWith("Recovery after all 3 alerts resolved at " + resolvedAt)
                .contains("GET ").contains("/health/calm-svc");
        assertThat(verified.stableFor()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));

        // marker: the alerts resolving again later (as after a reopen) are verified in turn, at least a stability
        // window after the first verification ended; a second verification of the first alerts-resolved would have
        // announced itself before, or (still in flight) kept this one from starting
        TestEvents.sendAlertsResolved(kafka, incident, 3, now);
        List<ConsumerRecord<String, String>> beforeMarker = TestEvents.before(kafka, incident,
                TestEvents.recoveryVerifiedAfterAlertsResolvedAt(now));
        assertThat(count(beforeMarker, EventType.RECOVERY_VERIFIED)).isEqualTo(1);
        assertThat(count(beforeMarker, EventType.RECOVERY_FAILED)).isZero();
        assertThat(count(beforeMarker, EventType.ESCALATION_REQUESTED)).isZero();
        assertThat(processed(republished)).as("the re-publication was handled, not dead-lettered").isTrue();
        assertThat(verification(incident, resolvedAt).state).isEqualTo(RecoveryVerification.State.VERIFIED);

        // intake resolves on recovery.verified: the open run ends as after a mitigation's verification
        TestEvents.sendResolved(kafka, incident);
        TestEvents.before(kafka, incident, TestEvents.runAbandoned());
        given().auth().oauth2(viewer()).get("/api/incidents/{id}/runbook-runs", incident).then().statusCode(200)
                .body("[0].status", equalTo("ABANDONED"));
    }

    @Test
    void aServiceThatStaysUnhealthyIsRecoveryFailedAndEscalated() {
        WireMockResource.server().stubFor(get(urlEqualTo("/health/sick-svc")).willReturn(aResponse().withStatus(503)));
        String incident = declare(kafka, "sick-svc");
        Instant resolvedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        TestEvents.sendAlertsResolved(kafka, incident, 2, resolvedAt);

        List<ConsumerRecord<String, String>> events = TestEvents.await(kafka, incident,
                l -> count(l, EventType.RECOVERY_FAILED) == 1 && count(l, EventType.ESCALATION_REQUESTED) == 1);
        RecoveryFailed failed = dataOf(events, EventType.RECOVERY_FAILED, RecoveryFailed.class).get(0);
        assertThat(failed.mitigationId()).isNull();
        assertThat(failed.reason()).contains("after the alerts resolved").contains("HTTP 503");
        assertThat(dataOf(events, EventType.ESCALATION_REQUESTED, EscalationRequested.class).get(0).reason())
                .contains("all 2 alerts resolved at " + resolvedAt);
        List<ConsumerRecord<String, String>> beforeMarker = beforeAMarkerRecovery(kafka, incident);
        assertThat(count(beforeMarker, EventType.RECOVERY_VERIFIED)).isZero();
        assertThat(count(beforeMarker, EventType.RECOVERY_FAILED)).isEqualTo(1);
        assertThat(count(beforeMarker, EventType.ESCALATION_REQUESTED)).isEqualTo(1);
    }

    @Test
    void reopenedBeforeTheWindowEndsAnnouncesNothing() {
        healthy("reopen-svc");
        String incident = declare(kafka, "reopen-svc");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant resolvedAt = now.minusSeconds(30);

        TestEvents.sendAlertsResolved(kafka, incident, 1, resolvedAt);
        TestEvents.sendReopened(kafka, incident, "alert HighErrorRate of reopen-svc fired again");
        // marker: the alerts resolving again are verified; had the first verification gone on, it would have been
        // in flight and kept this one from starting, or announced itself before
        TestEvents.sendAlertsResolved(kafka, incident, 1, now);

        List<ConsumerRecord<String, String>> beforeMarker = TestEvents.before(kafka, incident,
                TestEvents.recoveryVerifiedAfterAlertsResolvedAt(now));
        assertThat(count(beforeMarker, EventType.RECOVERY_VERIFIED) + count(beforeMarker, EventType.RECOVERY_FAILED))
                .isZero();
        RecoveryVerification cancelled = verification(incident, resolvedAt);
        assertThat(cancelled.state).isEqualTo(RecoveryVerification.State.CANCELLED);
        assertThat(cancelled.detail).contains("reopened");
    }

    @Test
    void anAlertFiringAgainAnnouncesNothing() {
        healthy("refire-svc");
        String incident = declare(kafka, "refire-svc");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant resolvedAt = now.minusSeconds(30);

        // what intake emits: alerts-resolved, → MONITORING; an alert fires: → INVESTIGATING
        TestEvents.sendAlertsResolved(kafka, incident, 1, resolvedAt);
        TestEvents.sendStatusChanged(kafka, incident, IncidentStatus.INVESTIGATING, IncidentStatus.MONITORING,
                "All 1 alerts resolved");
        TestEvents.sendStatusChanged(kafka, incident, IncidentStatus.MONITORING, IncidentStatus.INVESTIGATING,
                "Alert firing: refire-svc 5xx");
        TestEvents.sendAlertsResolved(kafka, incident, 1, now); // marker, as above

        List<ConsumerRecord<String, String>> beforeMarker = TestEvents.before(kafka, incident,
                TestEvents.recoveryVerifiedAfterAlertsResolvedAt(now));
        assertThat(count(beforeMarker, EventType.RECOVERY_VERIFIED) + count(beforeMarker, EventType.RECOVERY_FAILED))
                .isZero();
        RecoveryVerification cancelled = verification(incident, resolvedAt);
        assertThat(cancelled.state).isEqualTo(RecoveryVerification.State.CANCELLED);
        assertThat(cancelled.detail).contains("INVESTIGATING").contains("Alert firing");
    }

    @Test
    void withoutAHealthUrlNothingIsVerifiedOrAnnounced() {
        String incident = declare(kafka, "quiet-svc"); // no health URL configured
        Instant resolvedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        UUID sent = TestEvents.sendAlertsResolved(kafka, incident, 2, resolvedAt);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(sent));

        RecoveryVerification unverifiable = verification(incident, resolvedAt);
        assertThat(unverifiable.state).isEqualTo(RecoveryVerification.State.UNVERIFIABLE);
        assertThat(unverifiable.detail).contains("no health URL configured for quiet-svc").contains("MONITORING");
        List<ConsumerRecord<String, String>> beforeMarker = beforeAMarkerRecovery(kafka, incident);
        assertThat(count(beforeMarker, EventType.RECOVERY_VERIFIED) + count(beforeMarker, EventType.RECOVERY_FAILED)
                + count(beforeMarker, EventType.ESCALATION_REQUESTED)).isZero();
    }

    @Test
    void aVerificationInFlightAfterAMitigationIsNotDuplicated() {
        // unhealthy: the mitigation's verification stays in flight until its timeout
        WireMockResource.server().stubFor(get(urlEqualTo("/health/busy-svc")).willReturn(aResponse().withStatus(503)));
        WireMockResource.server().stubFor(post(urlEqualTo("/actions/rollback")).willReturn(aResponse().withStatus(200)));
        String incident = declare(kafka, "busy-svc");
        String mitigation = rollback(incident, "busy-svc");
        Instant resolvedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        UUID sent = TestEvents.sendAlertsResolved(kafka, incident, 1, resolvedAt);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(sent));
        RecoveryVerification notStarted = verification(incident, resolvedAt);
        assertThat(notStarted.state).isEqualTo(RecoveryVerification.State.CANCELLED);
        assertThat(notStarted.detail).contains("already being verified after ROLLBACK of busy-svc");

        List<ConsumerRecord<String, String>> events = TestEvents.await(kafka, incident,
                l -> count(l, EventType.RECOVERY_FAILED) == 1);
        assertThat(dataOf(events, EventType.RECOVERY_FAILED, RecoveryFailed.class).get(0).mitigationId())
                .isEqualTo(mitigation);
        List<ConsumerRecord<String, String>> beforeMarker = beforeAMarkerRecovery(kafka, incident);
        assertThat(count(beforeMarker, EventType.RECOVERY_FAILED)).isEqualTo(1);
        assertThat(count(beforeMarker, EventType.RECOVERY_VERIFIED)).isZero();
    }

    @Test
    void aMitigationTakesOverFromTheVerificationAfterTheAlerts() {
        WireMockResource.server().stubFor(get(urlEqualTo("/health/handover-svc")).willReturn(aResponse().withStatus(503)));
        healthy("handover-target");
        WireMockResource.server().stubFor(post(urlEqualTo("/actions/rollback")).willReturn(aResponse().withStatus(200)));
        String incident = declare(kafka, "handover-svc");
        Instant resolvedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        UUID sent = TestEvents.sendAlertsResolved(kafka, incident, 2, resolvedAt);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(sent));
        assertThat(verification(incident, resolvedAt).state).isEqualTo(RecoveryVerification.State.VERIFYING);

        String mitigation = rollback(incident, "handover-target");
        RecoveryVerification superseded = verification(incident, resolvedAt);
        assertThat(superseded.state).isEqualTo(RecoveryVerification.State.CANCELLED);
        assertThat(superseded.detail).contains("superseded").contains(mitigation);

        List<ConsumerRecord<String, String>> beforeMarker = TestEvents.before(kafka, incident,
                TestEvents.recoveryVerified(mitigation));
        assertThat(count(beforeMarker, EventType.RECOVERY_VERIFIED) + count(beforeMarker, EventType.RECOVERY_FAILED))
                .isZero();
    }

    private static void healthy(String service) {
        WireMockResource.server().stubFor(get(urlEqualTo("/health/" + service)).willReturn(aResponse().withStatus(200)));
    }

    /** Applies a ROLLBACK of {@code target} (the action webhook stubbed 2xx); returns the mitigation ID. */
    private static String rollback(String incident, String target) {
        return given().auth().oauth2(responder("bob")).contentType(ContentType.JSON)
                .body("{\"action\":\"ROLLBACK\",\"target\":\"" + target + "\",\"reason\":\"bad deploy\"}")
                .post("/api/incidents/{id}/mitigations", incident)
                .then().statusCode(201).body("recovery.state", equalTo("VERIFYING")).extract().path("mitigationId");
    }

    /** The verification that followed the alerts of the incident resolving at {@code resolvedAt}, or null. */
    private RecoveryVerification verification(String incident, Instant resolvedAt) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                        "from RecoveryVerification where incidentId = :incident and alertsResolvedAt = :at",
                        RecoveryVerification.class)
                .setParameter("incident", incident).setParameter("at", resolvedAt)
                .getResultStream().findFirst().orElse(null));
    }

    private boolean processed(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = :id")
                .setParameter("id", eventId).getSingleResult()).longValue() == 1);
    }
}
