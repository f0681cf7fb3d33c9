package io.incidentops.reporter;

import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.IncidentEventData;
import io.incidentops.events.Topics;
import io.incidentops.local.InfraTestResource;
import io.incidentops.local.KafkaTestClient;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Sends CloudEvents onto incident-events the way the other services' outbox relays do. */
final class TestEvents {

    private TestEvents() {
    }

    static String newIncidentId() {
        return "INC-T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    static UUID send(KafkaTestClient kafka, IncidentEventData data) {
        UUID id = UUID.randomUUID();
        send(kafka, id, data);
        return id;
    }

    static void send(KafkaTestClient kafka, UUID id, IncidentEventData data) {
        EventType type = EventType.of(data);
        Map<String, String> headers = new HashMap<>(Map.of(
                "ce_specversion", "1.0",
                "ce_id", id.toString(),
                "ce_type", type.ceType(),
                "ce_source", "/test",
                "ce_subject", data.incidentId(),
                "ce_time", Instant.now().toString(),
                "content-type", "application/json"));
        kafka.send(Topics.INCIDENT_EVENTS, data.incidentId(), EventCodec.encode(data), headers);
    }

    static RequestSpecification viewer() {
        return given().auth().oauth2(InfraTestResource.token("vera", "viewer"));
    }

    /** Waits until the reporter has computed the incident's MTTR (it did all resolution work in that transaction). */
    static void awaitResolved(String incidentId) {
        await().atMost(Duration.ofSeconds(45)).until(() ->
                viewer().get("/api/incidents/{id}/mttr", incidentId).statusCode() == 200);
    }
}
