package io.incidentops.executor;

import io.incidentops.events.EventCodec;
import io.incidentops.events.model.IncidentType;
import io.incidentops.executor.evidence.EvidenceBundle;
import io.incidentops.executor.evidence.EvidenceVerifier;
import io.incidentops.testsupport.KafkaTestClient;
import io.incidentops.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.incidentops.executor.IncidentFlowTest.responder;
import static io.incidentops.executor.IncidentFlowTest.viewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Item 9 of #11: a security breach run keeps every step's input and output in a hash-chained, append-only log that
 * is exported as a bundle; the verifier accepts it as exported and finds the one entry that was tampered with.
 */
@QuarkusTest
class EvidenceLogTest {

    private final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    EntityManager em;

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aSecurityRunsStepsAreChainedExportedAndTamperingIsDetected() throws Exception {
        String incident = TestIds.newIncidentId();
        TestEvents.sendDeclared(kafka, TestEvents.declared(incident, "auth-svc", IncidentType.SECURITY_INCIDENT,
                "credential stuffing on login", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(viewer())
                .get("/api/incidents/{id}/runbook-runs", incident).statusCode() == 200);
        String runId = given().auth().oauth2(viewer()).get("/api/incidents/{id}/runbook-runs", incident).then()
                .extract().path("[0].runId");
        for (int step = 1; step <= 2; step++) {
            given().auth().oauth2(responder("alice")).contentType(ContentType.JSON)
                    .body("{\"outcome\":\"confirmed\",\"note\":\"step " + step + " done\"}")
                    .post("/api/runbook-runs/{run}/steps/{step}/confirm", runId, step).then().statusCode(200);
        }

        given().auth().oauth2(viewer()).get("/api/incidents/{id}/evidence", incident).then().statusCode(403);
        String json = given().auth().oauth2(responder("alice")).get("/api/incidents/{id}/evidence", incident)
                .then().statusCode(200).extract().asString();
        EvidenceBundle bundle = EventCodec.mapper().readValue(json, EvidenceBundle.class);
        assertThat(bundle.entries()).extracting(EvidenceBundle.Entry::kind)
                .containsExactly("run.started", "step.completed", "step.completed");
        assertThat(bundle.entries().get(0).input()).contains("credential stuffing on login", "security_breach");
        assertThat(bundle.entries().get(2).output()).contains("step 2 done", "alice");
        assertThat(bundle.entries().get(1).prevHash()).isEqualTo(bundle.entries().get(0).hash());
        assertThat(EvidenceVerifier.verify(bundle).valid()).isTrue();

        // one entry's output changed, even with its own hash recomputed: the next entry no longer chains to it
        List<EvidenceBundle.Entry> entries = new ArrayList<>(bundle.entries());
        EvidenceBundle.Entry second = entries.get(1);
        EvidenceBundle.Entry forged = new EvidenceBundle.Entry(second.seq(), second.recordedAt(), second.kind(),
                second.input(), second.output().replace("step 1 done", "nothing found"), second.prevHash(), second.hash());
        entries.set(1, forged);
        EvidenceVerifier.Verification tampered = EvidenceVerifier.verify(withEntries(bundle, entries));
        assertThat(tampered.valid()).isFalse();
        assertThat(tampered.brokenAt()).isEqualTo(2);
        String rehashed = forged.expectedHash(incident);
        entries.set(1, new EvidenceBundle.Entry(forged.seq(), forged.recordedAt(), forged.kind(), forged.input(),
                forged.output(), forged.prevHash(), rehashed));
        assertThat(EvidenceVerifier.verify(withEntries(bundle, entries)).brokenAt()).isEqualTo(3);
        // an entry removed
        List<EvidenceBundle.Entry> shortened = new ArrayList<>(bundle.entries());
        shortened.remove(1);
        assertThat(EvidenceVerifier.verify(withEntries(bundle, shortened)).valid()).isFalse();

        // the database refuses to change or remove an entry
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE evidence_entry SET output = '{}' WHERE incident_id = :id").setParameter("id", incident)
                .executeUpdate())).hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "DELETE FROM evidence_entry WHERE incident_id = :id").setParameter("id", incident)
                .executeUpdate())).hasStackTraceContaining("append-only");
    }

    @Test
    void otherRunsKeepNoEvidence() {
        String incident = MitigationTest.declare(kafka, "diag-svc");
        given().auth().oauth2(responder("alice")).get("/api/incidents/{id}/evidence", incident).then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static EvidenceBundle withEntries(EvidenceBundle b, List<EvidenceBundle.Entry> entries) {
        return new EvidenceBundle(b.incidentId(), b.algorithm(), b.genesis(), entries, b.head());
    }
}
