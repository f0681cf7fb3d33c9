package io.incidentops.testsupport;

import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.IncidentEventData;
import io.incidentops.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Raw Kafka access for tests: what a foreign producer sends, what lands on a topic. */
public final class KafkaTestClient implements AutoCloseable {

    private final String bootstrap;
    private final KafkaProducer<String, String> producer;

    /** A client of the broker that {@link InfraTestResource} started for this test JVM. */
    public KafkaTestClient() {
        this(InfraTestResource.bootstrapServers());
    }

    public KafkaTestClient(String bootstrap) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(p);
    }

    public void send(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("send to " + topic + " failed", e);
        }
    }

    /**
     * Sends records without waiting between them, then waits for all: they reach the broker in one or a few produce
     * requests, as a busy producer's do, so a consumer polls them together.
     */
    public void sendTogether(List<ProducerRecord<String, String>> records) {
        List<Future<?>> sent = new ArrayList<>();
        records.forEach(record -> sent.add(producer.send(record)));
        producer.flush();
        try {
            for (Future<?> each : sent) each.get();
        } catch (Exception e) {
            throw new IllegalStateException("send failed", e);
        }
    }

    /** A record of {@code incident-events} as a producing service's outbox relay writes it (binary-mode CloudEvent). */
    public static ProducerRecord<String, String> eventRecord(UUID id, String source, IncidentEventData data) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.INCIDENT_EVENTS, data.incidentId(),
                EventCodec.encode(data));
        cloudEventHeaders(id, EventType.of(data).ceType(), source, data.incidentId())
                .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** Sends an event onto {@code incident-events} as a producing service's outbox relay would; returns its ID. */
    public UUID sendEvent(String source, IncidentEventData data) {
        UUID id = UUID.randomUUID();
        sendEvent(id, source, data);
        return id;
    }

    /** The same with a chosen event ID (to deliver one event twice). */
    public void sendEvent(UUID id, String source, IncidentEventData data) {
        send(Topics.INCIDENT_EVENTS, data.incidentId(), EventCodec.encode(data),
                cloudEventHeaders(id, EventType.of(data).ceType(), source, data.incidentId()));
    }

    /** CloudEvents Kafka binary-mode headers (mutable, so a test can spoil one). */
    public static Map<String, String> cloudEventHeaders(UUID id, String ceType, String source, String subject) {
        Map<String, String> headers = new HashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", id.toString());
        headers.put("ce_type", ceType);
        headers.put("ce_source", source);
        headers.put("ce_subject", subject);
        headers.put("ce_time", Instant.now().toString());
        headers.put("content-type", "application/json");
        return headers;
    }

    /** Reads the topic from the beginning until {@code enough} holds for the records matching {@code filter}. */
    public List<ConsumerRecord<String, String>> awaitRecords(String topic, Predicate<ConsumerRecord<String, String>> filter,
                                                      Predicate<List<ConsumerRecord<String, String>>> enough) {
        List<ConsumerRecord<String, String>> matching = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, String> consumer = newConsumer()) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (filter.test(r)) matching.add(r);
                });
                return enough.test(matching);
            });
        }
        return new ArrayList<>(matching);
    }

    /** Every record of the topic matching the filter, reading until the consumer reached the end of each partition. */
    public List<ConsumerRecord<String, String>> readAll(String topic, Predicate<ConsumerRecord<String, String>> filter) {
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = newConsumer()) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (filter.test(r)) matching.add(r);
                });
                if (consumer.assignment().isEmpty()) return false;
                var ends = consumer.endOffsets(consumer.assignment());
                return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }
        return matching;
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private KafkaConsumer<String, String> newConsumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
