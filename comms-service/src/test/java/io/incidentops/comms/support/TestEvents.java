package io.incidentops.comms.support;

import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.IncidentEventData;
import io.incidentops.events.Topics;
import io.incidentops.events.intake.AlertActivity;
import io.incidentops.events.intake.AlertsResolved;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.intake.IncidentReopened;
import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.events.intake.RespondersPaged;
import io.incidentops.events.intake.StatusChanged;
import io.incidentops.events.model.GroupedAlert;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Responder;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

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

    public static IncidentReopened reopened(String incidentId, String reason) {
        return new IncidentReopened(incidentId, reason, Instant.now());
    }

    /** What intake emits when the last firing alert of the incident resolved. */
    public static AlertsResolved alertsResolved(String incidentId, int alerts) {
        return new AlertsResolved(incidentId, alerts, Instant.now());
    }

    /** One interval's summary of {@code deliveries} deliveries of one alert that stays firing. */
    public static AlertActivity alertActivity(String incidentId, long deliveries) {
        Instant to = Instant.now();
        Instant from = to.minusSeconds(10);
        GroupedAlert alert = new GroupedAlert("fp-" + incidentId, "service=checkout", "alertmanager", "firing",
                Severity.P1, "HighErrorRate", from.minusSeconds(60), to, deliveries);
        return new AlertActivity(incidentId, from, to, deliveries, 1, 0, 0, 1, List.of(alert), 0);
    }

    /** The same people paged again (intake sends it after a reopen). */
    public static RespondersPaged respondersPaged(String incidentId, Severity severity) {
        return new RespondersPaged(incidentId, severity, List.of(new Responder("alice", "primary", "alice@example.com")),
                Instant.now());
    }

    public UUID send(IncidentEventData data) {
        return kafka.sendEvent(INTAKE, data);
    }

    public void send(UUID id, IncidentEventData data) {
        kafka.sendEvent(id, INTAKE, data);
    }

    /** Sends the event inside a caller's trace: its {@code traceparent} header, which the platform's consumer continues. */
    public void send(IncidentEventData data, String traceparent) {
        ProducerRecord<String, String> record = KafkaTestClient.eventRecord(UUID.randomUUID(), INTAKE, data);
        record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        kafka.sendTogether(List.of(record));
    }

    /** Waits until {@code count} events of the type about the incident are on the topic (comms publishes them). */
    public List<ConsumerRecord<String, String>> await(EventType type, String incidentId, int count) {
        return kafka.awaitRecords(Topics.INCIDENT_EVENTS,
                r -> incidentId.equals(r.key()) && type.ceType().equals(KafkaTestClient.header(r, "ce_type")),
                l -> l.size() >= count);
    }

    /**
     * Waits for a marker, the first record about the incident that {@code marker} accepts, and returns every record
     * about the incident up to it, the marker included. One key is one partition: whatever the events before the
     * marker caused is in this list, so "nothing else arrived" can be asserted on it without guessing a delay.
     */
    public List<ConsumerRecord<String, String>> awaitThrough(String incidentId,
                                                             Predicate<ConsumerRecord<String, String>> marker) {
        List<ConsumerRecord<String, String>> records = kafka.awaitRecords(Topics.INCIDENT_EVENTS,
                r -> incidentId.equals(r.key()), l -> l.stream().anyMatch(marker));
        int end = 0;
        while (!marker.test(records.get(end))) end++;
        return records.subList(0, end + 1);
    }

    /** Records of this event type. */
    public static Predicate<ConsumerRecord<String, String>> ofType(EventType type) {
        return r -> type.ceType().equals(KafkaTestClient.header(r, "ce_type"));
    }

    /** Records of this event type whose decoded data the condition accepts. */
    public static <T extends IncidentEventData> Predicate<ConsumerRecord<String, String>> event(
            EventType type, Class<T> data, Predicate<T> condition) {
        return ofType(type).and(r -> condition.test(EventCodec.decode(data, r.value())));
    }

    @Override
    public void close() {
        kafka.close();
    }
}
