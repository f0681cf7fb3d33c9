package io.incidentops.platform;

import io.incidentops.events.Topics;
import io.incidentops.events.intake.IncidentAcknowledged;
import io.incidentops.platform.outbox.Outbox;
import io.incidentops.platform.outbox.OutboxRelay;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.KafkaTestClient;
import io.incidentops.testsupport.TestIds;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.incidentops.testsupport.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One trace from the transaction that writes an event, through the relay and Kafka, into the consumer's handler. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class OutboxTracingTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    Tracer tracer;

    @Inject
    EntityManager entityManager;

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void tearDown() {
        relay.resume();
        kafka.close();
    }

    @Test
    void eventCarriesTheTraceOfItsTransactionIntoTheConsumer() {
        // paused: the relay sends from the stored traceparent, not from a context that happens to be current
        relay.pause();
        Span span = tracer.spanBuilder("declare incident").setParent(sampledCaller()).startSpan();
        String traceId = span.getSpanContext().getTraceId();
        UUID id;
        try (Scope ignored = span.makeCurrent()) {
            id = QuarkusTransaction.requiringNew().call(() ->
                    outbox.publish(new IncidentAcknowledged(TestIds.newIncidentId(), "alice", Instant.now())));
        } finally {
            span.end();
        }
        assertThat(storedTraceparent(id)).as("the row keeps the writer's context")
                .isEqualTo("00-" + traceId + "-" + span.getSpanContext().getSpanId() + "-01");
        relay.resume();

        ConsumerRecord<String, String> record = kafka.awaitRecords(Topics.INCIDENT_EVENTS,
                r -> id.toString().equals(header(r, "ce_id")), l -> !l.isEmpty()).get(0);
        assertThat(header(record, "traceparent")).as("W3C trace context in the Kafka headers")
                .matches("00-" + traceId + "-[0-9a-f]{16}-01");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(handlerTraceIds(id)).as("the consumer's handler ran in the same trace").containsExactly(traceId));
    }

    @Test
    void eventWrittenOutsideATraceIsSentAsBefore() {
        UUID id = QuarkusTransaction.requiringNew().call(() ->
                outbox.publish(new IncidentAcknowledged(TestIds.newIncidentId(), "bob", Instant.now())));

        ConsumerRecord<String, String> record = kafka.awaitRecords(Topics.INCIDENT_EVENTS,
                r -> id.toString().equals(header(r, "ce_id")), l -> !l.isEmpty()).get(0);
        assertThat(header(record, "ce_type")).isNotBlank();
    }

    @Test
    void workOutsideASampledTraceIsNotRecordedButStillCorrelated() {
        Span span = tracer.spanBuilder("declare incident").startSpan(); // a root: no caller asked for a trace
        UUID id;
        try (Scope ignored = span.makeCurrent()) {
            id = QuarkusTransaction.requiringNew().call(() ->
                    outbox.publish(new IncidentAcknowledged(TestIds.newIncidentId(), "carol", Instant.now())));
        } finally {
            span.end();
        }
        assertThat(span.isRecording()).as("sampled out by default (ratio 0)").isFalse();
        ConsumerRecord<String, String> record = kafka.awaitRecords(Topics.INCIDENT_EVENTS,
                r -> id.toString().equals(header(r, "ce_id")), l -> !l.isEmpty()).get(0);
        String traceparent = header(record, "traceparent");
        if (traceparent != null) { // an unsampled context may travel; it must never claim to be sampled
            assertThat(traceparent).endsWith("-00");
        }
    }

    /** The context of a caller whose traceparent header says "sampled", as a traced client sends it. */
    static Context sampledCaller() {
        SpanContext caller = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getSampled(), TraceState.getDefault());
        return Context.root().with(Span.wrap(caller));
    }

    private String storedTraceparent(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                .createNativeQuery("SELECT traceparent FROM outbox_event WHERE id = :id")
                .setParameter("id", id).getSingleResult());
    }

    @SuppressWarnings("unchecked")
    private List<String> handlerTraceIds(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("SELECT trace_id FROM test_effect WHERE event_id = :id")
                .setParameter("id", id).getResultList());
    }
}
