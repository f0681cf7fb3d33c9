package io.incidentops.reporter;

import io.incidentops.events.EventType;
import io.incidentops.events.IncidentEventData;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.KafkaTestClient;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.UUID;

import static io.incidentops.testsupport.KafkaTestClient.header;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Sends CloudEvents onto incident-events the way the other services' outbox relays do. */
final class TestEvents {

    /** The CloudEvents source of what the reporter itself announces. */
    static final String REPORTER = "/incidentops/metrics-reporter";

    private TestEvents() {
    }

    static UUID send(KafkaTestClient kafka, IncidentEventData data) {
        return kafka.sendEvent("/test", data);
    }

    static void send(KafkaTestClient kafka, UUID id, IncidentEventData data) {
        kafka.sendEvent(id, "/test", data);
    }

    static RequestSpecification viewer() {
        return given().auth().oauth2(InfraTestResource.token("vera", "viewer"));
    }

    /** Waits until the reporter has computed the incident's MTTR (it did all resolution work in that transaction). */
    static void awaitResolved(String incidentId) {
        await().atMost(Duration.ofSeconds(45)).until(() ->
                viewer().get("/api/incidents/{id}/mttr", incidentId).statusCode() == 200);
    }

    static boolean isReportPublished(ConsumerRecord<String, String> record) {
        return EventType.REPORT_PUBLISHED.ceType().equals(header(record, "ce_type"));
    }
}
