package io.incidentops.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.incidentops.events.EventType;
import io.incidentops.events.Topics;

/**
 * Reads {@code incident-events} from its end (no consumer group: it commits nothing and takes nothing from the
 * services) and notes when each incident's first event of the watched types arrived: CloudEvents binary mode, the type
 * in the {@code ce_type} header, the incident ID as the key. Of {@code comms.notification-sent}, only pages count.
 */
final class IncidentEventWatcher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, EventType> watched;
    private final Map<EventType, Map<String, Long>> firstArrival = new ConcurrentHashMap<>();
    private final Map<String, String> declaringAlert = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Exception failure;

    IncidentEventWatcher(String bootstrap, List<EventType> types) {
        this.watched = types.stream().collect(Collectors.toMap(EventType::ceType, t -> t));
        types.forEach(t -> firstArrival.put(t, new ConcurrentHashMap<>()));
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "incidentops-bench-watcher");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        this.consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.INCIDENT_EVENTS, Duration.ofSeconds(30))
                .stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve "end" now, before the workload starts
        this.thread = new Thread(this::loop, "bench-incident-events");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    Header h = r.headers().lastHeader("ce_type");
                    if (h == null || r.key() == null) {
                        continue;
                    }
                    EventType type = watched.get(new String(h.value(), StandardCharsets.UTF_8));
                    if (type == EventType.COMMS_NOTIFICATION_SENT && !isPage(r)) {
                        continue;
                    }
                    if (type != null) {
                        firstArrival.get(type).putIfAbsent(r.key(), now);
                        if (type == EventType.INCIDENT_DECLARED) noteDeclaringAlert(r);
                    }
                }
            }
        } catch (Exception e) {
            if (running) {
                failure = e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Of the messages sent, only a page to a person counts: it is when people were reached. */
    private static boolean isPage(ConsumerRecord<String, byte[]> r) {
        try {
            return r.value() != null && "page".equals(JSON.readTree(r.value()).path("kind").asText(null));
        } catch (java.io.IOException unreadable) {
            return false;
        }
    }

    private void noteDeclaringAlert(ConsumerRecord<String, byte[]> r) {
        try {
            String dedupKey = r.value() == null ? null : JSON.readTree(r.value()).path("dedupKey").asText(null);
            if (dedupKey != null) declaringAlert.putIfAbsent(r.key(), dedupKey);
        } catch (java.io.IOException unreadable) {
            // not ours to judge: the incident simply has no declaring alert of this run
        }
    }

    /** Incident ID → the dedup key of the alert that declared it, when {@code incident.declared} is watched. */
    Map<String, String> declaringAlerts() {
        return declaringAlert;
    }

    /** Incident ID → {@link System#nanoTime()} when its first event of {@code type} arrived. */
    Map<String, Long> arrivals(EventType type) {
        return firstArrival.get(type);
    }

    Exception failure() {
        return failure;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
