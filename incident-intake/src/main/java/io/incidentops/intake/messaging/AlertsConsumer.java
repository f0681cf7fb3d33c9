package io.incidentops.intake.messaging;

import io.incidentops.events.Channels;
import io.incidentops.events.Topics;
import io.incidentops.platform.messaging.ConsumerRetries;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Reader of the {@code alerts} topic (trusted producers: Kafka's own ACLs), a poll's worth of records at a time so
 * that they are committed together. A record that is not a valid alert goes to {@code alerts.dlq} with the reason;
 * the others are processed as usual. A poll that fails is retried as {@link ConsumerRetries} says (database trouble
 * for as long as it lasts); one that keeps failing otherwise goes to the DLQ whole.
 */
@ApplicationScoped
public class AlertsConsumer {

    @Inject
    AlertMessages messages;

    @Inject
    ConsumerRetries retries;

    @Incoming(Channels.ALERTS_IN)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<ConsumerRecord<String, String>> poll = new ArrayList<>();
        batch.getMetadata(IncomingKafkaRecordBatchMetadata.class)
                .map(m -> (ConsumerRecords<?, ?>) m.getRecords())
                .orElseThrow(() -> new IllegalStateException("not a batch from Kafka: " + batch))
                .forEach(r -> poll.add(stringRecord(r)));
        return retries.settle(Topics.ALERTS, batch, () -> messages.process(poll));
    }

    @SuppressWarnings("unchecked") // the channel's deserializers make every record <String, String>
    private static ConsumerRecord<String, String> stringRecord(ConsumerRecord<?, ?> record) {
        return (ConsumerRecord<String, String>) record;
    }
}
