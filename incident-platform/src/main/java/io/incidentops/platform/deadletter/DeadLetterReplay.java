package io.incidentops.platform.deadletter;

import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a dead letter back to the topic it was read from, as it was (key, value, headers, without the dead-letter
 * ones), once whatever made it fail is fixed. Every consumer group reads it again: the ones that processed it the
 * first time find its event ID in their inbox (or its alert already recorded) and do nothing; this one processes it,
 * or dead-letters it again with the new reason.
 */
@ApplicationScoped
public class DeadLetterReplay {

    private static final Logger LOG = Logger.getLogger(DeadLetterReplay.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    @Inject
    DeadLetters deadLetters;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    private volatile Producer<String, String> producer;

    void onStop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close();
        }
    }

    /**
     * @throws ResourceNotFoundException when there is no such dead letter
     * @throws ConflictException when it was replayed already
     * @throws IllegalStateException when the broker did not take it (it stays waiting)
     */
    public DeadLetter replay(UUID id, String by) {
        DeadLetter letter = deadLetters.find(id)
                .orElseThrow(() -> new ResourceNotFoundException("dead letter " + id + " not found"));
        if (!deadLetters.claimReplay(id, by)) {
            throw new ConflictException("dead letter " + id + " was replayed already");
        }
        try {
            producer().send(record(letter)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deadLetters.releaseReplay(id);
            throw new IllegalStateException("interrupted while replaying " + id, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            deadLetters.releaseReplay(id);
            throw new IllegalStateException("the broker did not take the replay of " + id + ": " + e, e);
        }
        LOG.infof("dead letter %s (%s %d/%d) replayed by %s", id, letter.topic(), letter.partition(),
                letter.offset(), by);
        deadLetters.count();
        return deadLetters.find(id).orElseThrow();
    }

    private static ProducerRecord<String, String> record(DeadLetter letter) {
        ProducerRecord<String, String> record = new ProducerRecord<>(letter.topic(), letter.key(), letter.value());
        letter.headers().stream()
                .filter(h -> !h.name().startsWith("dead-letter-"))
                .forEach(h -> record.headers().add(h.name(),
                        h.value() == null ? null : h.value().getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private Producer<String, String> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    Map<String, Object> props = new HashMap<>();
                    kafka.forEach((k, v) -> {
                        if (ProducerConfig.configNames().contains(k)) props.put(k, v);
                    });
                    props.put(ProducerConfig.CLIENT_ID_CONFIG, "dead-letter-replay");
                    props.put(ProducerConfig.ACKS_CONFIG, "all");
                    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
                    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(SEND_TIMEOUT_SECONDS));
                    producer = new KafkaProducer<>(props);
                }
            }
        }
        return producer;
    }
}
