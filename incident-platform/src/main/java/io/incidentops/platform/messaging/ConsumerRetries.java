package io.incidentops.platform.messaging;

import io.incidentops.platform.deadletter.DeadLetters;
import io.incidentops.platform.failure.TransientFailures;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How every consumer retries a record (issue #8). A transient failure ({@link TransientFailures}: the database or
 * the broker away, a lock conflict, a timeout) is retried for as long as it lasts, with a capped backoff, and the
 * partition waits meanwhile (the consumer thread is the one retrying, so the records behind keep their order): a
 * PostgreSQL failover delays events, it no longer dead-letters them. Any other failure is retried until the
 * {@code attempts}-th, then the record is poison; a {@link PoisonRecordException} is poison at once. Only poison is
 * dead-lettered, with the reason.
 * <p>
 * A service that stops while a record waits for its retry leaves it unacknowledged (
 * {@link ConsumerStoppingException}): whoever owns the partition next reads it again. (SmallRye Fault Tolerance's
 * {@code @Retry}, used before, has one limit for every failure; this needs two, and to let go on shutdown.)
 */
@ApplicationScoped
public class ConsumerRetries {

    private static final Logger LOG = Logger.getLogger(ConsumerRetries.class);
    static final String RETRIES = "incidentops.messaging.retries";
    static final String DEAD_LETTERS = "incidentops.messaging.dead.letters";

    @ConfigProperty(name = "incidentops.messaging.retry.attempts", defaultValue = "3")
    int attempts;

    @ConfigProperty(name = "incidentops.messaging.retry.initial-delay", defaultValue = "200ms")
    Duration initialDelay;

    @ConfigProperty(name = "incidentops.messaging.retry.max-delay", defaultValue = "10s")
    Duration maxDelay;

    @Inject
    MeterRegistry meters;

    @Inject
    DeadLetters deadLetters;

    @Inject
    StuckConsumers stuck;

    private volatile boolean stopping;

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Runs {@code work} until it succeeds.
     *
     * @param topic what the record came from (metrics and logs)
     * @throws PoisonRecordException when no retry can help: the caller dead-letters the record with its message
     * @throws ConsumerStoppingException when the service stops before the work succeeded
     */
    public void run(String topic, Runnable work) {
        int failures = 0;
        StuckConsumers.Retry retry = null;
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    work.run();
                    return;
                } catch (PoisonRecordException e) {
                    throw e;
                } catch (RuntimeException e) {
                    boolean passing = TransientFailures.isTransient(e);
                    if (!passing && ++failures >= attempts) {
                        throw new PoisonRecordException("failed " + failures + " times: " + reason(e), e);
                    }
                    meters.counter(RETRIES, "topic", topic, "failure", passing ? "transient" : "other").increment();
                    retry = retry == null ? stuck.retrying(topic) : retry;
                    retry.failed(attempt, reason(e));
                    Duration wait = backoff(attempt);
                    LOG.warnf("%s: %s failure, retrying in %d ms (attempt %d): %s", topic,
                            passing ? "transient" : "unexpected", wait.toMillis(), attempt, reason(e));
                    pause(wait);
                }
            }
        } finally {
            if (retry != null) stuck.done(retry);
        }
    }

    /** Exponential from {@code initial-delay}, capped at {@code max-delay}, with up to a fifth of jitter. */
    Duration backoff(int attempt) {
        long millis = initialDelay.toMillis() << Math.min(attempt - 1, 20);
        millis = Math.min(millis, maxDelay.toMillis());
        return Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(millis / 5 + 1));
    }

    private void pause(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        try {
            while (!stopping && System.nanoTime() < until) {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsumerStoppingException();
        }
        if (stopping) throw new ConsumerStoppingException();
    }

    /**
     * A whole message's work ({@link #run}), then its acknowledgement: poison nacks it (the channel's dead-letter
     * strategy), recorded for each of its Kafka records; a stopping service leaves it unacknowledged (a stage that
     * never completes).
     */
    public CompletionStage<Void> settle(String topic, Message<?> message, Runnable work) {
        try {
            try {
                run(topic, work);
            } catch (PoisonRecordException e) {
                KafkaRecords.of(message).forEach(record -> deadLettered(record, e.getMessage()));
                return message.nack(e);
            }
        } catch (ConsumerStoppingException stopping) { // while retrying the work or recording its dead letters
            return new CompletableFuture<>();
        }
        return message.ack();
    }

    /**
     * Records a record sent to its topic's dead-letter topic in this service's dead letters, where an admin can see
     * and replay it, and counts it (an alert-worthy metric: every one needs a person).
     */
    public void deadLettered(ConsumerRecord<?, ?> record, String reason) {
        try {
            run(record.topic(), () -> deadLetters.record(record, reason)); // the database may be failing over
        } catch (PoisonRecordException e) {
            LOG.errorf("%s %d/%d dead-lettered but not recorded in the dead letters (%s): %s", record.topic(),
                    record.partition(), record.offset(), reason, e.getMessage());
        }
        meters.counter(DEAD_LETTERS, "topic", record.topic()).increment();
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String message = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        return root == e ? message : e.getClass().getSimpleName() + " (" + message + ")";
    }

    /** The service is stopping: the record must be neither acknowledged nor dead-lettered. */
    public static final class ConsumerStoppingException extends RuntimeException {
        public ConsumerStoppingException() {
            super("the service is stopping; the record is left to the partition's next owner", null, false, false);
        }
    }
}
