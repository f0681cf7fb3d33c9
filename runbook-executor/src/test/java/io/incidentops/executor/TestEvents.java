package io.incidentops.executor;

import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.Topics;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import static io.incidentops.testsupport.KafkaTestClient.header;

/** Sends events the way intake does and reads what the executor published. */
public final class TestEvents {

    private static final String INTAKE = "/incidentops/incident-intake";

    private TestEvents() {
    }


    public static IncidentDeclared declared(String incidentId, String service, IncidentType type, String title,
                                            Instant detectedAt) {
        return new IncidentDeclared(incidentId, title, "Alert fired for " + service, service, Severity.P1, type,
                IncidentStatus.DECLARED, "alertmanager", "fp-" + incidentId, Map.of("service", service),
                "customers cannot check out", detectedAt.minusSeconds(60), detectedAt);
    }

    /** Sends an incident.declared CloudEvent in Kafka binary mode; returns its event ID. */
    public static UUID sendDeclared(KafkaTestClient kafka, IncidentDeclared declared) {
        return kafka.sendEvent(INTAKE, declared);
    }

    public static Map<String, String> ceHeaders(UUID id, EventType type, String subject) {
        return KafkaTestClient.cloudEventHeaders(id, type.ceType(), INTAKE, subject);
    }

    /** Waits until the executor's events of this incident satisfy {@code enough}; returns them in topic order. */
    public static List<ConsumerRecord<String, String>> await(KafkaTestClient kafka, String incidentId,
                                                             Predicate<List<ConsumerRecord<String, String>>> enough) {
        return kafka.awaitRecords(Topics.INCIDENT_EVENTS,
                r -> incidentId.equals(r.key()) && "/incidentops/runbook-executor".equals(header(r, "ce_source")), enough);
    }

    public static long count(List<ConsumerRecord<String, String>> records, EventType type) {
        return records.stream().filter(r -> type.ceType().equals(header(r, "ce_type"))).count();
    }

    public static List<Object> data(List<ConsumerRecord<String, String>> records, EventType type) {
        return records.stream().filter(r -> type.ceType().equals(header(r, "ce_type")))
                .map(r -> (Object) EventCodec.decode(type, r.value())).toList();
    }

    @SuppressWarnings("unchecked")
    public static <T> List<T> dataOf(List<ConsumerRecord<String, String>> records, EventType type, Class<T> cls) {
        return (List<T>) data(records, type);
    }
}
