package io.incidentops.platform.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * This service's dead letters, kept in its own schema next to its state: the dead-letter topics are shared by every
 * consumer group, so only here can an admin see which records this service failed, and replay them. Counted per topic
 * by the gauge {@code incidentops.dead-letters.waiting} (every one needs a person).
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final TypeReference<List<DeadLetter.Header>> HEADERS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, topic, kafka_partition, kafka_offset, record_key, record_value, "
            + "CAST(headers AS text), reason, dead_at, replayed_at, replayed_by";

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry meters;

    private MultiGauge waiting;

    void onStart(@Observes StartupEvent event) {
        waiting = MultiGauge.builder("incidentops.dead-letters.waiting")
                .description("records this service dead-lettered and nobody replayed yet, per topic")
                .register(meters);
    }

    /** Records a poison record in its own transaction; a record recorded before (read again) is kept once. */
    public void record(ConsumerRecord<?, ?> record, String reason) {
        List<DeadLetter.Header> headers = new ArrayList<>();
        record.headers().forEach(h -> headers.add(new DeadLetter.Header(h.key(),
                h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8))));
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        INSERT INTO dead_letter (id, topic, kafka_partition, kafka_offset, record_key, record_value,
                                                 headers, reason)
                        VALUES (:id, :topic, :partition, :offset, :key, :value, CAST(:headers AS jsonb), :reason)
                        ON CONFLICT (topic, kafka_partition, kafka_offset) DO NOTHING""")
                .setParameter("id", UUID.randomUUID())
                .setParameter("topic", record.topic())
                .setParameter("partition", record.partition())
                .setParameter("offset", record.offset())
                .setParameter("key", text(record.key()))
                .setParameter("value", text(record.value()))
                .setParameter("headers", write(headers))
                .setParameter("reason", reason == null ? "unknown" : reason)
                .executeUpdate());
    }

    /** The newest first; {@code topic} null for all, {@code replayed} null for both states. */
    @SuppressWarnings("unchecked")
    public List<DeadLetter> list(String topic, Boolean replayed, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> ((List<Object[]>) entityManager.createNativeQuery(
                        "SELECT " + COLUMNS + " FROM dead_letter WHERE (CAST(:topic AS text) IS NULL OR topic = :topic) "
                                + "AND (CAST(:replayed AS boolean) IS NULL OR (replayed_at IS NOT NULL) = :replayed) "
                                + "ORDER BY dead_at DESC, kafka_offset DESC LIMIT :limit")
                .setParameter("topic", topic)
                .setParameter("replayed", replayed)
                .setParameter("limit", limit)
                .getResultList()).stream().map(this::deadLetter).toList());
    }

    @SuppressWarnings("unchecked")
    public Optional<DeadLetter> find(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ((List<Object[]>) entityManager.createNativeQuery(
                        "SELECT " + COLUMNS + " FROM dead_letter WHERE id = :id")
                .setParameter("id", id).getResultList()).stream().map(this::deadLetter).findFirst());
    }

    /** Marks it replayed by {@code by}, unless someone did already; true when this call did. */
    boolean claimReplay(UUID id, String by) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "UPDATE dead_letter SET replayed_at = now(), replayed_by = :by "
                                + "WHERE id = :id AND replayed_at IS NULL")
                .setParameter("by", by).setParameter("id", id).executeUpdate() == 1);
    }

    /** Undoes {@link #claimReplay} when the record could not be sent. */
    void releaseReplay(UUID id) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "UPDATE dead_letter SET replayed_at = NULL, replayed_by = NULL WHERE id = :id")
                .setParameter("id", id).executeUpdate());
    }

    @Scheduled(every = "${incidentops.dead-letters.count-interval:15s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @SuppressWarnings("unchecked")
    void count() {
        try {
            List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                    "SELECT topic, count(*) FILTER (WHERE replayed_at IS NULL) FROM dead_letter GROUP BY topic").getResultList());
            waiting.register(rows.stream().map(r -> MultiGauge.Row.of(Tags.of("topic", (String) r[0]),
                    ((Number) r[1]).longValue())).toList(), true);
        } catch (RuntimeException e) {
            LOG.debugf("dead letters not counted: %s", e.getMessage()); // the database is away; the next tick counts
        }
    }

    private DeadLetter deadLetter(Object[] r) {
        return new DeadLetter((UUID) r[0], (String) r[1], ((Number) r[2]).intValue(), ((Number) r[3]).longValue(),
                (String) r[4], (String) r[5], read((String) r[6]), (String) r[7], instant(r[8]), instant(r[9]),
                (String) r[10]);
    }

    private static Instant instant(Object value) {
        if (value == null) return null;
        if (value instanceof Instant i) return i;
        if (value instanceof OffsetDateTime o) return o.toInstant();
        return ((Timestamp) value).toInstant();
    }

    private static String text(Object value) {
        if (value == null) return null;
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
    }

    private String write(List<DeadLetter.Header> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<DeadLetter.Header> read(String headers) {
        try {
            return json.readValue(headers, HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dead_letter.headers is not what DeadLetters writes", e);
        }
    }
}
