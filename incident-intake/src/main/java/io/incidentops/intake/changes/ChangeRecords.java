package io.incidentops.intake.changes;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.incidentops.events.Channels;
import io.incidentops.events.EventCodec;
import io.incidentops.events.deployments.DeployRecord;
import io.incidentops.intake.config.IntakeConfig;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Change records onto the {@code deployments} topic, keyed by service name, as plain deploy records (no CloudEvents
 * headers: the executor reads a record with {@code ce_type} as a CDEvent).
 * <p>
 * Not through the outbox: the outbox relays CloudEvents of an incident to {@code incident-events}, and exists so that a
 * state change and its event commit together. A change record changes no state of intake, so there is nothing to commit
 * with it; waiting for the broker's acknowledgement ({@code acks=all}, idempotent producer) before the 202 makes it as
 * durable as an outbox row would, without a table and a relay for a second topic. When the broker does not acknowledge,
 * the caller is refused and retries (PagerDuty's clients retry 5xx); a retry after a lost answer may store the change
 * twice, which the executor lists as two changes at worst.
 */
@ApplicationScoped
public class ChangeRecords {

    @Inject
    @Channel(Channels.CHANGES_OUT)
    Emitter<String> emitter;

    @Inject
    IntakeConfig config;

    /** Completes once the broker acknowledged the record; fails when it refused or did not answer in time. */
    public CompletableFuture<Void> publish(DeployRecord record) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            Message<String> message = Message.of(EventCodec.mapper().writeValueAsString(record), () -> {
                acked.complete(null);
                return CompletableFuture.completedFuture(null);
            }, failure -> {
                acked.completeExceptionally(failure);
                return CompletableFuture.completedFuture(null);
            }).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.service()).build());
            emitter.send(message);
        } catch (JsonProcessingException | RuntimeException e) { // unserialisable, or the channel refused it outright
            acked.completeExceptionally(e);
        }
        return acked.orTimeout(config.changes().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
}
