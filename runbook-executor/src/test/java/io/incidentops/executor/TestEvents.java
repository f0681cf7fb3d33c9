package io.incidentops.executor;

import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.IncidentEventData;
import io.incidentops.events.Topics;
import io.incidentops.events.executor.RecoveryVerified;
import io.incidentops.events.executor.RunbookCompleted;
import io.incidentops.events.intake.AlertsResolved;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.intake.IncidentReopened;
import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.events.intake.StatusChanged;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.IntStream;

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

    /**
     * Sends incident.resolved for an incident whose run is still open (every bundled runbook has manual steps). The
     * executor handles one incident's events in order and abandons the run, so the resulting {@link #runAbandoned()}
     * comes after everything it published while handling the events sent before.
     */
    public static UUID sendResolved(KafkaTestClient kafka, String incidentId) {
        Instant now = Instant.now();
        return kafka.sendEvent(INTAKE, new IncidentResolved(incidentId, Severity.P1, null, null, null, null, "test",
                null, null, null, null, now));
    }

    /** Sends incident.alerts-resolved as intake does when every alert of the incident resolved; returns its event ID. */
    public static UUID sendAlertsResolved(KafkaTestClient kafka, String incidentId, int alerts, Instant resolvedAt) {
        return kafka.sendEvent(INTAKE, new AlertsResolved(incidentId, alerts, resolvedAt));
    }

    /** Sends an event inside a caller's trace: its {@code traceparent} header, which the platform's consumer continues. */
    public static void sendInTrace(KafkaTestClient kafka, IncidentEventData data, String traceparent) {
        ProducerRecord<String, String> record = KafkaTestClient.eventRecord(UUID.randomUUID(), INTAKE, data);
        record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        kafka.sendTogether(List.of(record));
    }

    /** Delivers an event again under the same event ID (what a redelivery after a lost offset commit looks like). */
    public static void redeliver(KafkaTestClient kafka, UUID eventId, IncidentEventData data) {
        kafka.sendEvent(eventId, INTAKE, data);
    }

    /** Sends incident.reopened as intake does when an alert of the group fires again or a commander reopens. */
    public static UUID sendReopened(KafkaTestClient kafka, String incidentId, String reason) {
        return kafka.sendEvent(INTAKE, new IncidentReopened(incidentId, reason, Instant.now()));
    }

    /** Sends incident.status-changed as intake does. */
    public static UUID sendStatusChanged(KafkaTestClient kafka, String incidentId, IncidentStatus previous,
                                         IncidentStatus current, String reason) {
        return kafka.sendEvent(INTAKE, new StatusChanged(incidentId, previous, current, reason, Instant.now()));
    }

    /**
     * Marker: recovery.verified after the incident's alerts resolved at {@code resolvedAt} (no mitigation; its
     * {@code checks} name when they resolved). A whole second must be given: it is matched as {@code Instant#toString}.
     */
    public static Predicate<ConsumerRecord<String, String>> recoveryVerifiedAfterAlertsResolvedAt(Instant resolvedAt) {
        return r -> {
            if (!is(r, EventType.RECOVERY_VERIFIED)) return false;
            RecoveryVerified verified = (RecoveryVerified) EventCodec.decode(EventType.RECOVERY_VERIFIED, r.value());
            return verified.mitigationId() == null && verified.checks() != null
                    && verified.checks().contains("resolved at " + resolvedAt);
        };
    }

    /** Marker: runbook.completed with outcome abandoned (see {@link #sendResolved}). */
    public static Predicate<ConsumerRecord<String, String>> runAbandoned() {
        return r -> is(r, EventType.RUNBOOK_COMPLETED)
                && "abandoned".equals(((RunbookCompleted) EventCodec.decode(EventType.RUNBOOK_COMPLETED, r.value())).outcome());
    }

    /** Marker: recovery.verified of one mitigation. */
    public static Predicate<ConsumerRecord<String, String>> recoveryVerified(String mitigationId) {
        return r -> is(r, EventType.RECOVERY_VERIFIED) && mitigationId.equals(
                ((RecoveryVerified) EventCodec.decode(EventType.RECOVERY_VERIFIED, r.value())).mitigationId());
    }

    /**
     * Waits for the marker, then returns the executor's events of this incident that came before it, in topic order.
     * "Nothing else arrived" is asserted on these: whatever the executor did before the marker is complete here,
     * however late it was sent.
     */
    public static List<ConsumerRecord<String, String>> before(KafkaTestClient kafka, String incidentId,
                                                              Predicate<ConsumerRecord<String, String>> marker) {
        List<ConsumerRecord<String, String>> records = await(kafka, incidentId, l -> l.stream().anyMatch(marker));
        int at = IntStream.range(0, records.size()).filter(i -> marker.test(records.get(i))).findFirst().orElseThrow();
        return records.subList(0, at);
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
        return records.stream().filter(r -> is(r, type)).count();
    }

    private static boolean is(ConsumerRecord<String, String> record, EventType type) {
        return type.ceType().equals(header(record, "ce_type"));
    }

    public static List<Object> data(List<ConsumerRecord<String, String>> records, EventType type) {
        return records.stream().filter(r -> is(r, type))
                .map(r -> (Object) EventCodec.decode(type, r.value())).toList();
    }

    @SuppressWarnings("unchecked")
    public static <T> List<T> dataOf(List<ConsumerRecord<String, String>> records, EventType type, Class<T> cls) {
        return (List<T>) data(records, type);
    }
}
