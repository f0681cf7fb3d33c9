package io.incidentops.platform.outbox;

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
import jakarta.persistence.EntityManager;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends committed outbox rows to Kafka as CloudEvents, then deletes them.
 * <p>
 * It drains right after each commit that wrote events (a wake-up) and on a slow poll, which also recovers rows
 * left behind by a crash between commit and send. Replicas serialise on a PostgreSQL advisory lock, so events
 * leave in commit order and no row is sent twice in the normal path; {@code FOR UPDATE SKIP LOCKED} keeps a
 * stuck transaction from blocking the rest. A crash after the send and before the delete re-sends a row:
 * delivery is at least once and consumers deduplicate on the event ID.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /**
     * The relay's advisory lock, named after the service's schema: advisory locks are per database, and services
     * sharing one database (each in its own schema, as the local stack and the cluster run them) must not take turns
     * with each other's relays, only with their own replicas. Public so that tests can take it as a replica would.
     */
    public static final String RELAY_LOCK = "SELECT count(*) FROM (SELECT pg_advisory_xact_lock("
            + "hashtextextended('outbox-relay:' || current_schema(), 0))) AS l";

    @Inject
    EntityManager entityManager;

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

    @ConfigProperty(name = "incidentops.outbox.enabled", defaultValue = "true")
    boolean enabled;

    /** CloudEvents {@code source}; defaults to {@code /incidentops/<application name>}. */
    @ConfigProperty(name = "incidentops.events.source")
    String source;

    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
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

    /** Relays batches until the outbox is empty or a batch fails. */
    void drain() {
        try {
            int sent;
            do {
                sent = QuarkusTransaction.requiringNew().call(this::relayBatch);
            } while (sent == batchSize && !paused.get());
        } catch (RuntimeException e) {
            // the rows stay in the outbox; the next wake-up or poll tries again
            LOG.warnf("outbox relay failed, will retry: %s", e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private int relayBatch() {
        entityManager.createNativeQuery(RELAY_LOCK).getSingleResult();
        List<OutboxEvent> rows = entityManager.createNativeQuery(
                        "SELECT * FROM outbox_event ORDER BY seq LIMIT :limit FOR UPDATE SKIP LOCKED", OutboxEvent.class)
                .setParameter("limit", batchSize)
                .getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<Void>> acks = new ArrayList<>(rows.size());
        for (OutboxEvent row : rows) {
            CompletableFuture<Void> acked = new CompletableFuture<>();
            emitter.send(toMessage(row, acked));
            acks.add(acked);
        }
        // The producer keeps send order per partition; wait until the broker has acknowledged every record.
        // Plain futures, not Mutiny: context propagation would carry this JTA transaction onto the producer's
        // callback thread, and Narayana refuses to commit a transaction that two threads are associated with.
        awaitAcks(acks);
        List<Long> sent = rows.stream().map(r -> r.seq).toList();
        entityManager.createQuery("DELETE FROM OutboxEvent e WHERE e.seq IN :seqs")
                .setParameter("seqs", sent).executeUpdate();
        return rows.size();
    }

    private void awaitAcks(List<CompletableFuture<Void>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for broker acknowledgements", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("broker did not acknowledge the batch: " + e.getMessage(), e);
        }
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
