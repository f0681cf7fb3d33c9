package io.incidentops.intake.support;

import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.IncidentEventData;
import io.incidentops.events.Topics;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.KafkaTestClient;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;

/** Shared test helpers: callers with credentials, unique names, CloudEvents on the wire. */
public final class Fixtures {

    private Fixtures() {
    }


    /** A caller authenticated with the integration key, sending JSON. */
    public static RequestSpecification integration() {
        return given().contentType("application/json").header("Authorization", "Bearer " + InfraTestResource.integrationKey());
    }

    /**
     * The same, asking an Alertmanager webhook to answer once its alerts are applied, with their incidents
     * ({@code Prefer: return=representation}); by default it answers once they are durable in the journal.
     */
    public static RequestSpecification applied() {
        return integration().header("Prefer", "return=representation");
    }

    /**
     * An Alertmanager v4 webhook of {@code alerts} distinct firing alerts of {@code service} (alertname and
     * fingerprint numbered by {@code batch} and position), mutable so that a test can break it.
     */
    public static Map<String, Object> webhook(String service, int batch, int alerts) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int n = 0; n < alerts; n++) {
            Map<String, Object> alert = new HashMap<>();
            alert.put("status", "firing");
            alert.put("labels", new HashMap<>(Map.of("service", service, "alertname", "A" + batch + "_" + n)));
            alert.put("annotations", Map.of("summary", "alert " + batch + "/" + n));
            alert.put("startsAt", Instant.now().minusSeconds(60).toString());
            alert.put("endsAt", "0001-01-01T00:00:00Z");
            alert.put("fingerprint", service + "-" + batch + "-" + n);
            list.add(alert);
        }
        return new HashMap<>(Map.of("version", "4", "status", "firing", "receiver", "r", "groupKey", "{}:{}",
                "alerts", list));
    }

    public static RequestSpecification as(String role) {
        return given().contentType("application/json").auth().oauth2(InfraTestResource.token(role + "-user", role));
    }

    public static Map<String, String> alert(String service, String summary, String severity) {
        Map<String, String> body = new HashMap<>();
        body.put("service", service);
        body.put("summary", summary);
        if (severity != null) body.put("severity", severity);
        return body;
    }

    public static String resource(String path, Map<String, String> replacements) {
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> e : replacements.entrySet()) {
                text = text.replace("${" + e.getKey() + "}", e.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends an event as another service would: CloudEvents binary mode. Returns its id. */
    public static UUID sendEvent(KafkaTestClient kafka, IncidentEventData data) {
        UUID id = UUID.randomUUID();
        sendEvent(kafka, id, data);
        return id;
    }

    public static void sendEvent(KafkaTestClient kafka, UUID id, IncidentEventData data) {
        kafka.sendEvent(id, "/incidentops/runbook-executor", data);
    }

    /** Waits until intake's events for an incident satisfy {@code enough}; returns them in topic order. */
    public static List<ConsumerRecord<String, String>> awaitEvents(KafkaTestClient kafka, String incidentId,
                                                                   Predicate<List<ConsumerRecord<String, String>>> enough) {
        return kafka.awaitRecords(Topics.INCIDENT_EVENTS,
                r -> incidentId.equals(KafkaTestClient.header(r, "ce_subject"))
                        && "/incidentops/incident-intake".equals(KafkaTestClient.header(r, "ce_source")), enough);
    }

    public static boolean hasType(List<ConsumerRecord<String, String>> records, EventType type, int count) {
        return records.stream().filter(r -> type.ceType().equals(KafkaTestClient.header(r, "ce_type"))).count() >= count;
    }

    /**
     * The records before the first one of {@code marker}'s type. Awaiting a marker (a later event of the same
     * incident, hence the same partition) and then looking at what came before it shows that nothing else arrived;
     * a snapshot taken as soon as the expected records are there would miss a stray one right behind them.
     */
    public static List<ConsumerRecord<String, String>> before(List<ConsumerRecord<String, String>> records,
                                                              EventType marker) {
        for (int n = 0; n < records.size(); n++) {
            if (marker.ceType().equals(KafkaTestClient.header(records.get(n), "ce_type"))) {
                return records.subList(0, n);
            }
        }
        throw new AssertionError("no " + marker.ceType() + " among " + records.size() + " records");
    }

    public static <T extends IncidentEventData> List<T> data(List<ConsumerRecord<String, String>> records, EventType type,
                                                            Class<T> cls) {
        return records.stream().filter(r -> type.ceType().equals(KafkaTestClient.header(r, "ce_type")))
                .map(r -> EventCodec.decode(cls, r.value())).toList();
    }
}
