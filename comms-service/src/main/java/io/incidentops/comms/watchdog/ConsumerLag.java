package io.incidentops.comms.watchdog;

import io.incidentops.comms.config.CommsConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Comms' own consumer lag on incident-events, asked of the broker with the Kafka Admin client: the end offsets of the
 * topic's partitions minus the group's committed offsets (a partition the group never committed counts from its
 * earliest offset, where the consumer starts). Unhealthy above {@code lag.max}, or when the broker does not answer,
 * for longer than {@code lag.grace}.
 */
@ApplicationScoped
public class ConsumerLag {

    static final String CONDITION = "consumer-lag";
    private static final long TIMEOUT_SECONDS = 10;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Inject
    CommsConfig config;

    private final AtomicLong last = new AtomicLong(-1);
    private volatile Admin admin;

    void onStop(@Observes ShutdownEvent event) {
        if (admin != null) admin.close();
    }

    /** The lag last measured; -1 before the first or after a failed look. */
    public long last() {
        return last.get();
    }

    public Observation observe() {
        CommsConfig.Lag lag = config.watchdog().lag();
        Observation o;
        try {
            long behind = behind(lag.topic(), lag.group());
            last.set(behind);
            String detail = "consumer group " + lag.group() + " is " + behind + " records behind on " + lag.topic()
                    + " (max " + lag.max() + ")";
            o = behind > lag.max() ? Observation.unhealthy(CONDITION, detail) : Observation.healthy(CONDITION, detail);
        } catch (ExecutionException e) {
            last.set(-1);
            o = e.getCause() instanceof UnknownTopicOrPartitionException
                    ? Observation.healthy(CONDITION, lag.topic() + " does not exist yet: nothing to consume")
                    : Observation.unhealthy(CONDITION, "the broker did not tell the lag: " + e.getCause());
        } catch (TimeoutException | KafkaException e) {
            last.set(-1);
            o = Observation.unhealthy(CONDITION, "the broker did not tell the lag: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            o = Observation.unhealthy(CONDITION, "interrupted while asking the broker");
        }
        return o.withGrace(lag.grace());
    }

    long behind(String topic, String group) throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<TopicPartition> partitions = admin().describeTopics(List.of(topic)).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> start = offsets(partitions, OffsetSpec.earliest());
        long behind = 0;
        for (TopicPartition p : partitions) {
            OffsetAndMetadata at = committed.get(p);
            behind += Math.max(0, end.get(p) - (at == null ? start.get(p) : at.offset()));
        }
        return behind;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> all = admin()
                .listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)))
                .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return all.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** One Admin client per replica, from the service's own Kafka settings (bootstrap servers, security). */
    private Admin admin() {
        if (admin == null) {
            synchronized (this) {
                if (admin == null) {
                    Map<String, Object> props = new HashMap<>();
                    kafka.forEach((k, v) -> {
                        if (AdminClientConfig.configNames().contains(k)) props.put(k, v);
                    });
                    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "comms-watchdog");
                    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
                    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
                    admin = Admin.create(props);
                }
            }
        }
        return admin;
    }
}
