package io.incidentops.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.incidentops.events.Topics;

/** The broker as the benchmark sees it: consumer-group lag (Admin API), end offsets, settling between workloads. */
final class KafkaOps implements AutoCloseable {

    /** incident-intake's consumer group on {@code alerts} ({@code group.id=${quarkus.application.name}}). */
    static final String INTAKE_GROUP = "incident-intake";

    private final Admin admin;

    KafkaOps(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "incidentops-bench-admin");
        this.admin = Admin.create(p);
    }

    Admin admin() {
        return admin;
    }

    Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        return offsets(topic, OffsetSpec.latest());
    }

    /** Where each partition starts now (records below were deleted). */
    Map<TopicPartition, Long> startOffsets(String topic) throws Exception {
        return offsets(topic, OffsetSpec.earliest());
    }

    private Map<TopicPartition, Long> offsets(String topic, OffsetSpec spec) throws Exception {
        var description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> request = description.partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> spec));
        return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** A group's committed offsets on one topic. */
    Map<TopicPartition, Long> committed(String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, Long> out = new HashMap<>();
        offsets.forEach((tp, om) -> {
            if (tp.topic().equals(topic) && om != null) {
                out.put(tp, om.offset());
            }
        });
        return out;
    }

    /**
     * Records of {@code topic} up to {@code ends} the group has not committed yet (deleted records do not count: a
     * group has nothing to commit on a partition whose records were all deleted).
     */
    long lag(String group, String topic, Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, Long> committed = committed(group, topic);
        Map<TopicPartition, Long> starts = startOffsets(topic);
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            long from = Math.max(committed.getOrDefault(e.getKey(), 0L), starts.getOrDefault(e.getKey(), 0L));
            lag += Math.max(0, e.getValue() - from);
        }
        return lag;
    }

    /** Lag of every consumer group on {@code alerts} and {@code incident-events}, by group. */
    Map<String, Long> pipelineLag() throws Exception {
        Collection<ConsumerGroupListing> groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS);
        Map<String, Long> lag = new LinkedHashMap<>();
        Map<String, Map<TopicPartition, Long>> ends = new HashMap<>();
        Map<String, Map<TopicPartition, Long>> starts = new HashMap<>();
        for (ConsumerGroupListing g : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(g.groupId())
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            long groupLag = 0;
            boolean relevant = false;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
                String topic = e.getKey().topic();
                if (!topic.equals(Topics.ALERTS) && !topic.equals(Topics.INCIDENT_EVENTS) || e.getValue() == null) {
                    continue;
                }
                relevant = true;
                if (!ends.containsKey(topic)) {
                    ends.put(topic, endOffsets(topic));
                    starts.put(topic, startOffsets(topic));
                }
                long from = Math.max(e.getValue().offset(), starts.get(topic).getOrDefault(e.getKey(), 0L));
                groupLag += Math.max(0, ends.get(topic).getOrDefault(e.getKey(), 0L) - from);
            }
            if (relevant) {
                lag.put(g.groupId(), groupLag);
            }
        }
        return lag;
    }

    /**
     * Waits (at most {@code maxSeconds}) until no consumer group of the pipeline has a backlog, so one workload's
     * aftermath (events the other services still process) does not run into the next. Returns the lag left.
     */
    Map<String, Long> settle(int maxSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        Map<String, Long> lag = pipelineLag();
        while (total(lag) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            lag = pipelineLag();
        }
        return lag;
    }

    static long total(Map<String, Long> lag) {
        return lag.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Deletes the records of {@code topic} below {@code ends} (a backlog the consumer did not drain in time). */
    void deleteUpTo(Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, RecordsToDelete> request = ends.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> RecordsToDelete.beforeOffset(e.getValue())));
        admin.deleteRecords(request).all().get(60, TimeUnit.SECONDS);
    }

    /**
     * Creates a topic and waits until every partition has a leader: a producer that starts on a topic it creates by
     * sending met NOT_LEADER_OR_FOLLOWER and then OUT_OF_ORDER_SEQUENCE_NUMBER on this broker, and stalled for its
     * whole delivery timeout.
     */
    void createTopic(String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until) {
            var d = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
            if (d.partitions().size() == partitions && d.partitions().stream().allMatch(p -> p.leader() != null)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("topic " + topic + " has no leader for every partition after 60 s");
    }

    void deleteTopic(String topic) {
        try {
            admin.deleteTopics(Set.of(topic)).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("[bench] could not delete topic " + topic + ": " + e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
