package io.incidentops.platform.messaging;

import io.incidentops.events.Channels;
import io.incidentops.events.EventType;
import io.incidentops.platform.tracing.TraceParents;
import io.opentelemetry.context.Context;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The one reader of {@code incident-events} in every service (its own consumer group, see the shared config). It
 * takes the records as the consumer polled them: in an alert storm each incident makes some seventeen events that
 * three services consume, and a commit (a WAL flush) per event was most of what a storm cost downstream. So a poll's
 * events go to the {@link IncidentEventHandler} in one transaction; only if that fails is each event processed alone,
 * with retries, so that one bad event costs its neighbours a second try and nothing else. A poison record goes to
 * the DLQ by itself (its own nack); the batch is acknowledged once those are written.
 */
@ApplicationScoped
public class IncidentEventsConsumer {

    @Inject
    IncidentEventReader reader;

    @Inject
    IncidentEventProcessor processor;

    @Inject
    IncidentEventHandler handler;

    @Inject
    ConsumerRetries retries;

    @Incoming(Channels.EVENTS_IN)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        try {
            List<CompletableFuture<Void>> deadLettered = new ArrayList<>();
            List<PolledEvent> events = new ArrayList<>();
            for (KafkaRecord<String, String> message : batch) {
                try {
                    PolledEvent event = read(message);
                    if (event != null) events.add(event);
                } catch (PoisonRecordException e) {
                    deadLettered.add(deadLetter(message, e));
                }
            }
            boolean together = events.size() > 1 && processor.processTogether(events, handler);
            if (!together) {
                for (PolledEvent event : events) {
                    try {
                        processor.processAlone(event, handler);
                    } catch (PoisonRecordException e) {
                        deadLettered.add(deadLetter(event.message(), e));
                    }
                }
            }
            return CompletableFuture.allOf(deadLettered.toArray(CompletableFuture[]::new))
                    .thenCompose(written -> batch.ack());
        } catch (ConsumerRetries.ConsumerStoppingException stopping) {
            return new CompletableFuture<>(); // neither acknowledged nor dead-lettered: read again later
        }
    }

    private CompletableFuture<Void> deadLetter(KafkaRecord<String, String> message, PoisonRecordException e) {
        retries.deadLettered(KafkaRecords.one(message), e.getMessage());
        return message.nack(e).toCompletableFuture();
    }

    /** The record's event, or null for a type this service's handler does not handle (never decoded). */
    private PolledEvent read(KafkaRecord<String, String> message) {
        ConsumerRecord<String, String> record = KafkaRecords.one(message); // <String, String>: the channel's deserializers
        EventType type = reader.type(record);
        if (!handler.handles(type)) {
            return null;
        }
        return new PolledEvent(message, reader.read(record, type), trace(record));
    }

    /** The trace the event was produced in (its {@code traceparent} header), or null outside one. */
    private static Context trace(ConsumerRecord<String, String> record) {
        Header header = record.headers().lastHeader("traceparent");
        return header == null || header.value() == null ? null
                : TraceParents.toContext(new String(header.value(), StandardCharsets.UTF_8)).orElse(null);
    }

    /** An event read from a polled record, with the record (to dead-letter it alone) and its producer's trace. */
    record PolledEvent(KafkaRecord<String, String> message, ReceivedEvent event, Context trace) {
    }
}
