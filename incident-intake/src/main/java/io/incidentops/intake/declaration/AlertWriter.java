package io.incidentops.intake.declaration;

import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.config.IntakeConfig;
import io.incidentops.intake.incident.DeliveryCounts;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Group commit, as Kafka's producer batches per partition: callers from any number of requests and records hand
 * their alerts to one writer thread, which commits up to {@code max-batch-alerts} of them in one transaction and
 * answers each caller after the shared commit. Under load the batches grow and the commits per alert shrink; idle,
 * an alert waits for nobody. The queue is bounded in alerts: a full queue refuses at once ({@link
 * IntakeOverloadedException}) rather than letting waits grow without bound. The same thread writes the repeat
 * counts every flush interval.
 */
@ApplicationScoped
public class AlertWriter {

    private static final Logger LOG = Logger.getLogger(AlertWriter.class);

    /** {@code context}: the caller's Vert.x context, where its future is completed (null: on the writer thread). */
    private record Submission(List<Alert> alerts, CompletableFuture<List<AlertIntake.Outcome>> done, Context context) {

        void complete(List<AlertIntake.Outcome> outcomes) {
            if (context == null) done.complete(outcomes);
            else context.runOnContext(v -> done.complete(outcomes));
        }

        void fail(RuntimeException e) {
            if (context == null) done.completeExceptionally(e);
            else context.runOnContext(v -> done.completeExceptionally(e));
        }
    }

    @Inject
    AlertIntake intake;

    @Inject
    KnownAlerts known;

    @Inject
    DeliveryCounts deliveryCounts;

    @Inject
    IntakeConfig config;

    private final LinkedBlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedAlerts = new AtomicInteger();
    private volatile boolean running;
    private volatile boolean paused;
    private Thread thread;
    private long nextFlushNanos;

    @Inject
    MeterRegistry meters;

    void start(@Observes StartupEvent event) {
        meters.gauge("incidentops.intake.writer.queued", queuedAlerts);
        running = true;
        thread = new Thread(this::run, "alert-writer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) thread.join(5000);
    }

    /** Holds the queue (callers wait, and are refused once it is full) until {@link #resume()}: tests, maintenance. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    /** Alerts waiting for their commit. */
    public int queuedAlerts() {
        return queuedAlerts.get();
    }

    /** Queues the alerts; the future completes with their outcomes once committed. */
    CompletableFuture<List<AlertIntake.Outcome>> submit(List<Alert> alerts) {
        int limit = config.writer().maxQueuedAlerts();
        if (queuedAlerts.addAndGet(alerts.size()) > limit && queuedAlerts.get() > alerts.size()) {
            queuedAlerts.addAndGet(-alerts.size());
            throw new IntakeOverloadedException("intake is at capacity (" + limit + " alerts waiting to be written)",
                    config.writer().retryAfterSeconds());
        }
        // an HTTP caller's answer is written on its own event loop, never on this one writer thread
        Submission submission = new Submission(alerts, new CompletableFuture<>(), Vertx.currentContext());
        queue.add(submission);
        return submission.done();
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            try {
                Submission first = queue.poll(100, TimeUnit.MILLISECONDS);
                while (paused && running) {
                    Thread.sleep(20); // also holds a submission taken just before pause()
                }
                if (first != null) {
                    write(batchFrom(first));
                }
                flushCountsWhenDue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("alert writer round failed", e);
            }
        }
        flushCounts();
    }

    private List<Submission> batchFrom(Submission first) {
        List<Submission> batch = new ArrayList<>();
        batch.add(first);
        int alerts = first.alerts().size();
        Submission next;
        while ((next = queue.peek()) != null && alerts + next.alerts().size() <= config.writer().maxBatchAlerts()) {
            batch.add(queue.poll());
            alerts += next.alerts().size();
        }
        return batch;
    }

    private void write(List<Submission> batch) {
        int alerts = batch.stream().mapToInt(s -> s.alerts().size()).sum();
        try {
            List<Alert> all = new ArrayList<>(alerts);
            batch.forEach(s -> all.addAll(s.alerts()));
            List<AlertIntake.Outcome> outcomes = intake.acceptAll(all);
            int from = 0;
            for (Submission s : batch) {
                complete(s, outcomes.subList(from, from + s.alerts().size()));
                from += s.alerts().size();
            }
        } catch (RuntimeException batchFailed) {
            // one caller's problem (a taken incident ID, a race lost to another replica) must not fail the others
            for (Submission s : batch) {
                try {
                    complete(s, intake.acceptAll(s.alerts()));
                } catch (RuntimeException e) {
                    s.fail(e);
                }
            }
        } finally {
            queuedAlerts.addAndGet(-alerts);
        }
    }

    private void complete(Submission s, List<AlertIntake.Outcome> outcomes) {
        for (int n = 0; n < outcomes.size(); n++) {
            known.learn(s.alerts().get(n), outcomes.get(n));
        }
        s.complete(new ArrayList<>(outcomes));
    }

    private void flushCountsWhenDue() {
        long now = System.nanoTime();
        if (now - nextFlushNanos >= 0) {
            nextFlushNanos = now + config.writer().countFlushInterval().toNanos();
            flushCounts();
        }
    }

    private void flushCounts() {
        List<KnownAlerts.Pending> drained = known.drain();
        if (drained.isEmpty()) return;
        try {
            deliveryCounts.add(drained.stream().map(p -> new DeliveryCounts.Count(p.incidentId, p.dedupKey,
                    p.groupKey, p.deliveries, p.lastSeen)).toList());
        } catch (RuntimeException e) {
            LOG.warnf(e, "writing %d repeat counts failed, will retry", drained.size());
            known.restore(drained);
        }
    }
}
