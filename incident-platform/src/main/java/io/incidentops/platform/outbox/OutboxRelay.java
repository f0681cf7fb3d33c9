package io.incidentops.platform.outbox;

import io.incidentops.platform.failure.TransientFailures;
import io.incidentops.platform.tracing.TraceParents;
import io.incidentops.events.Channels;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends committed outbox rows to Kafka as CloudEvents, then deletes them.
 * <p>
 * It drains right after each commit that wrote events (a wake-up) and on a slow poll, which also recovers rows
 * left behind by a crash between commit and send. Each round claims a batch for a lease ({@link OutboxClaims}), sends
 * it with no transaction or lock held, and settles it: acknowledged rows are deleted, refused ones released with
 * their reason, and a row the broker keeps refusing for a reason no retry helps (a record too large) is set aside, so
 * the rest flows. Replicas relay at once; an incident's events still leave in order, one relay at a time. A crash
 * after the send and before the delete re-sends a row: delivery is at least once and consumers deduplicate on the
 * event ID.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** How soon to look again at rows whose incident another relay was sending. */
    private static final Duration BUSY_RETRY = Duration.ofMillis(100);
    /** The claims' advisory lock, public so that tests can take it as a replica would. */
    public static final String RELAY_LOCK = OutboxClaims.CLAIM_LOCK;

    @Inject
    OutboxClaims claims;

    @Inject
    @Channel(Channels.EVENTS_OUT)
    Emitter<String> emitter;

    /**
     * Rows per relay transaction. Each round waits for the broker's acks and commits before the next: a storm's
     * declarations (five events each) left in rounds of 100 about 50 ms apart. Below the Kafka sink's in-flight limit
     * (1,024), so the emitter never holds more than the sink has asked for.
     */
    @ConfigProperty(name = "incidentops.outbox.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "incidentops.outbox.send-timeout", defaultValue = "30s")
    Duration sendTimeout;

    /** Failures for a reason no retry helps before a row is set aside; transient ones (broker away) never set it aside. */
    @ConfigProperty(name = "incidentops.outbox.max-attempts", defaultValue = "3")
    int maxAttempts;

    @ConfigProperty(name = "incidentops.outbox.enabled", defaultValue = "true")
    boolean enabled;

    /** CloudEvents {@code source}; defaults to {@code /incidentops/<application name>}. */
    @ConfigProperty(name = "incidentops.events.source")
    String source;

    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "outbox-relay");
        t.setDaemon(true);
        return t;
    });

    void onStart(@Observes StartupEvent event) {
        wakeUp(); // rows a previous run committed but never sent
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks for a drain soon; wake-ups that arrive while one is queued fold into it. */
    public void wakeUp() {
        if (enabled && !paused.get() && pending.compareAndSet(false, true) && !worker.isShutdown()) {
            worker.execute(() -> {
                pending.set(false);
                drain();
            });
        }
    }

    @Scheduled(every = "${incidentops.outbox.poll-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        wakeUp();
    }

    /** Stops sending (operators' maintenance switch, and how tests simulate a relay that died before sending). */
    public void pause() {
        paused.set(true);
    }

    public void resume() {
        paused.set(false);
        wakeUp();
    }

    /**
     * Relays batches until the outbox is empty or a row fails. Rows it could not claim because another replica's relay
     * holds their incident are tried again shortly, not at the next poll.
     */
    void drain() {
        try {
            boolean allSent = true;
            int claimed = batchSize;
            while (allSent && claimed == batchSize && !paused.get()) {
                OutboxClaims.Claim claim = QuarkusTransaction.requiringNew().call(() -> claims.claim(batchSize, lease()));
                claimed = claim.rows().size();
                if (claimed > 0) {
                    List<CompletableFuture<Void>> acks = send(claim.rows());
                    allSent = QuarkusTransaction.requiringNew().call(() -> settle(claim, acks));
                }
            }
            if (allSent && !worker.isShutdown()
                    && QuarkusTransaction.requiringNew().call(claims::othersHoldWaitingIncidents)) {
                worker.schedule(this::wakeUp, BUSY_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            // the rows stay in the outbox; the next wake-up or poll tries again
            LOG.warnf("outbox relay failed, will retry: %s", e.getMessage());
        }
    }

    /** Longer than a round's wait for acks: a lease ends only when its relay died or hung. */
    private Duration lease() {
        return sendTimeout.plus(sendTimeout);
    }

    private List<CompletableFuture<Void>> send(List<OutboxEvent> rows) {
        List<CompletableFuture<Void>> acks = new ArrayList<>(rows.size());
        for (OutboxEvent row : rows) {
            CompletableFuture<Void> acked = new CompletableFuture<>();
            try {
                emitter.send(toMessage(row, acked));
            } catch (RuntimeException e) { // the channel refused it outright (stopping, buffer full)
                acked.completeExceptionally(e);
            }
            acks.add(acked);
        }
        // The producer keeps send order per partition; wait until the broker has answered for every record.
        // Plain futures, not Mutiny: context propagation would carry a JTA transaction onto the producer's
        // callback thread, and Narayana refuses to commit a transaction that two threads are associated with.
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // settled row by row
        }
        return acks;
    }

    /** Deletes what was acknowledged and records each failure; true when every row was sent. */
    private boolean settle(OutboxClaims.Claim claim, List<CompletableFuture<Void>> acks) {
        List<Long> sent = new ArrayList<>(acks.size());
        for (int i = 0; i < acks.size(); i++) {
            OutboxEvent row = claim.rows().get(i);
            CompletableFuture<Void> ack = acks.get(i);
            if (ack.isDone() && !ack.isCompletedExceptionally()) {
                sent.add(row.seq);
            } else {
                Throwable failure = ack.isDone() ? ack.handle((ok, f) -> f).join() : new TimeoutException(
                        "the broker did not acknowledge it within " + sendTimeout);
                failure = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                boolean permanent = !TransientFailures.isTransient(failure);
                LOG.warnf("outbox event %s (%s, %s) not sent%s: %s", row.id, row.type, row.subject,
                        permanent ? " (set aside at the " + maxAttempts + "th failure like this)" : ", will retry",
                        failure.toString());
                claims.failed(claim, row.seq, failure.toString(), permanent, maxAttempts);
            }
        }
        claims.sent(claim, sent);
        return sent.size() == acks.size();
    }

    private Message<String> toMessage(OutboxEvent row, CompletableFuture<Void> acked) {
        Message<String> message = Message.of(row.payload, () -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                }, failure -> {
                    acked.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                })
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(row.id.toString())
                        .withType(row.type)
                        .withSource(URI.create(source))
                        .withSubject(row.subject)
                        .withTimestamp(row.createdAt.atZone(ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        .build())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(row.subject).build());
        // the producer span (and the traceparent header it writes) continues the trace of the writing transaction
        return TraceParents.toContext(row.traceparent)
                .map(context -> message.addMetadata(TracingMetadata.withCurrent(context)))
                .orElse(message);
    }
}
