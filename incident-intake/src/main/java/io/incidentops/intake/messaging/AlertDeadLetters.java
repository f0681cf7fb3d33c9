package io.incidentops.intake.messaging;

import io.incidentops.events.Topics;
import io.incidentops.platform.messaging.ConsumerRetries;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a poison record of the {@code alerts} topic to {@code alerts.dlq} with SmallRye's dead-letter headers, and
 * waits for the broker: the consumer commits its offset past the record only once the record is safe there. (The
 * batch consumer decides per record, so it cannot leave this to the channel's failure strategy, which would
 * dead-letter the whole poll.)
 */
@ApplicationScoped
public class AlertDeadLetters {

    static final String CHANNEL = "alerts-dlq-out";

    @Inject
    @Channel(CHANNEL)
    Emitter<String> emitter;

    @Inject
    ConsumerRetries retries;

    public void send(ConsumerRecord<String, String> record, String reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        header(headers, "dead-letter-reason", reason);
        header(headers, "dead-letter-topic", Topics.ALERTS);
        header(headers, "dead-letter-partition", Integer.toString(record.partition()));
        header(headers, "dead-letter-offset", Long.toString(record.offset()));
        CompletableFuture<Void> acked = new CompletableFuture<>();
        emitter.send(Message.of(record.value() == null ? "" : record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers).build())
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(e -> {
                    acked.completeExceptionally(e);
                    return CompletableFuture.completedFuture(null);
                }));
        try {
            acked.get(30, TimeUnit.SECONDS);
            retries.deadLettered(record, reason);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not dead-letter record " + record.partition() + "/" + record.offset(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        }
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
