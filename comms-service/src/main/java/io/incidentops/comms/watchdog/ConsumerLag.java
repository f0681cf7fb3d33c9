package io.incidentops.comms.watchdog;

import io.incidentops.comms.config.CommsConfig;
import io.incidentops.platform.messaging.KafkaAdmin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

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
    private static final long TIMEOUT_SECONDS = KafkaAdmin.TIMEOUT_MS / 1000;

    @Inject
    KafkaAdmin kafkaAdmin;

    @Inject
    CommsConfig config;

    private final AtomicLong last = new AtomicLong(-1);
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

    private Admin admin() {
        return kafkaAdmin.get();
    }
}
