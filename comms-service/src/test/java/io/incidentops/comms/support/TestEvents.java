package io.incidentops.comms.support;

import io.incidentops.events.EventType;
import io.incidentops.events.IncidentEventData;
import io.incidentops.events.Topics;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.events.intake.StatusChanged;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Sends CloudEvents (Kafka binary mode) onto incident-events the way intake does, and reads comms' own events. */
public final class TestEvents implements AutoCloseable {

    private static final String INTAKE = "/incidentops/incident-intake";
    private final KafkaTestClient kafka = new KafkaTestClient();



    public static IncidentDeclared declared(String incidentId, Severity severity, String service, String title,
                                            String customerImpact, Instant startedAt) {
        return new IncidentDeclared(incidentId, title, "alert description", service, severity,
                IncidentType.PERFORMANCE_DEGRADATION, IncidentStatus.DECLARED, "alertmanager", "fp-" + incidentId,
                Map.of("service", service), customerImpact, startedAt, startedAt.plusSeconds(60));
    }

    public static StatusChanged statusChanged(String incidentId, IncidentStatus previous, IncidentStatus current) {
        return new StatusChanged(incidentId, previous, current, "test", Instant.now());
    }

    public static IncidentResolved resolved(String incidentId, Severity severity, String service, String title,
                                            String rootCause, Instant startedAt, Instant resolvedAt) {
        return new IncidentResolved(incidentId, severity, IncidentType.PERFORMANCE_DEGRADATION, title, service,
                rootCause, "alice", startedAt, startedAt.plusSeconds(60), startedAt.plusSeconds(120),
                resolvedAt.minusSeconds(60), resolvedAt);
    }

    public UUID send(IncidentEventData data) {
        return kafka.sendEvent(INTAKE, data);
    }

    public void send(UUID id, IncidentEventData data) {
        kafka.sendEvent(id, INTAKE, data);
    }

    /** Waits until {@code count} events of the type about the incident are on the topic (comms publishes them). */
    public List<ConsumerRecord<String, String>> await(EventType type, String incidentId, int count) {
        return kafka.awaitRecords(Topics.INCIDENT_EVENTS,
                r -> incidentId.equals(r.key()) && type.ceType().equals(KafkaTestClient.header(r, "ce_type")),
                l -> l.size() >= count);
    }

    public List<ConsumerRecord<String, String>> readAll(EventType type, String incidentId) {
        return kafka.readAll(Topics.INCIDENT_EVENTS,
                r -> incidentId.equals(r.key()) && type.ceType().equals(KafkaTestClient.header(r, "ce_type")));
    }

    @Override
    public void close() {
        kafka.close();
    }
}
