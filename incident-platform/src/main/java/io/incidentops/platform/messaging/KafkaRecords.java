package io.incidentops.platform.messaging;

import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.stream.Stream;

/** The Kafka records behind a message from a Kafka channel: one, or a batch's. */
public final class KafkaRecords {

    private KafkaRecords() {
    }

    public static List<ConsumerRecord<?, ?>> of(Message<?> message) {
        Stream<? extends Message<?>> messages = message instanceof KafkaRecordBatch<?, ?> batch
                ? batch.getRecords().stream() : Stream.of(message);
        return messages.<ConsumerRecord<?, ?>>map(KafkaRecords::one).toList();
    }

    /** The record of a single message from a Kafka channel. */
    @SuppressWarnings("unchecked")
    public static <K, V> ConsumerRecord<K, V> one(Message<?> message) {
        IncomingKafkaRecordMetadata<K, V> metadata = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a record from Kafka: " + message));
        return metadata.getRecord();
    }
}
