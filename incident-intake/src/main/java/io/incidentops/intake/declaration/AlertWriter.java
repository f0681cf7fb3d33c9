package io.incidentops.intake.declaration;

import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.config.IntakeConfig;
import io.incidentops.intake.grouping.GroupingPolicy;
import io.incidentops.intake.incident.DeliveryCounts;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Group commit, as Kafka's producer batches per partition: callers from any number of requests and records hand
 * their alerts to writer threads ("lanes", one per group-key hash, as a partition per key), each of which commits up
 * to {@code max-batch-alerts} of them in one transaction and answers each caller after the shared commit. Under load
 * the batches grow and the commits per alert shrink; idle, an alert waits for nobody. Several lanes overlap one
 * transaction's round trips with another's work (a declaration is some twenty of them); a group always takes the
 * same lane, so its alerts keep their order and lanes rarely wait for each other's row locks. The queues are bounded
 * in alerts: when full, a caller is refused at once ({@link IntakeOverloadedException}) rather than letting waits
 * grow without bound. The first lane also writes the repeat counts every flush interval.
 */
@ApplicationScoped
public class AlertWriter {

    private static final Logger LOG = Logger.getLogger(AlertWriter.class);

    /**
     * Part of a caller's alerts for one lane; {@code positions} are their places in the caller's list, {@code trace}
     * the caller's tracing context (a declaration's events continue the trace of the alert that caused it).
     */
    private record Submission(List<Alert> alerts, List<String> groupKeys, int[] positions,
                              CompletableFuture<List<AlertIntake.Outcome>> done, Context trace) {
    }

    @Inject
    AlertIntake intake;

    @Inject
    KnownAlerts known;

    @Inject
    DeliveryCounts deliveryCounts;

    @Inject
    GroupingPolicy grouping;

    @Inject
    IntakeConfig config;

    @Inject
    MeterRegistry meters;

    private final AtomicInteger queuedAlerts = new AtomicInteger();
    private volatile boolean running;
    private volatile boolean paused;
    private Lane[] lanes = new Lane[0];
    private long nextFlushNanos;

    void start(@Observes StartupEvent event) {
        meters.gauge("incidentops.intake.writer.queued", queuedAlerts);
        running = true;
        lanes = new Lane[config.writer().lanes()];
        for (int n = 0; n < lanes.length; n++) {
            lanes[n] = new Lane(n);
            lanes[n].thread.start();
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        for (Lane lane : lanes) lane.thread.join(5000);
    }

    /** Holds the queues (callers wait, and are refused once they are full) until {@link #resume()}: tests, maintenance. */
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

    /** Queues the alerts; the future completes with their outcomes, in their order, once all are committed. */
    CompletableFuture<List<AlertIntake.Outcome>> submit(List<Alert> alerts) {
        int limit = config.writer().maxQueuedAlerts();
        if (queuedAlerts.addAndGet(alerts.size()) > limit && queuedAlerts.get() > alerts.size()) {
            queuedAlerts.addAndGet(-alerts.size());
            throw new IntakeOverloadedException("intake is at capacity (" + limit + " alerts waiting to be written)",
                    config.writer().retryAfterSeconds());
        }
        // an HTTP caller's answer is written on its own event loop, never on a writer thread
        io.vertx.core.Context caller = Vertx.currentContext();
        CompletableFuture<List<AlertIntake.Outcome>> written = queueByLane(alerts, Context.current());
        if (caller == null) return written;
        CompletableFuture<List<AlertIntake.Outcome>> answered = new CompletableFuture<>();
        written.whenComplete((outcomes, failure) -> caller.runOnContext(v -> {
            if (failure != null) answered.completeExceptionally(failure);
            else answered.complete(outcomes);
        }));
        return answered;
    }

    private CompletableFuture<List<AlertIntake.Outcome>> queueByLane(List<Alert> alerts, Context trace) {
        String[] groupKeys = new String[alerts.size()];
        int[] laneOf = new int[alerts.size()];
        int[] perLane = new int[lanes.length];
        for (int n = 0; n < alerts.size(); n++) {
            groupKeys[n] = grouping.keyFor(alerts.get(n)); // once per alert: the writer's transaction reuses it
            laneOf[n] = Math.floorMod(groupKeys[n].hashCode(), lanes.length);
            perLane[laneOf[n]]++;
        }
        List<CompletableFuture<?>> parts = new ArrayList<>();
        AlertIntake.Outcome[] outcomes = new AlertIntake.Outcome[alerts.size()];
        for (int lane = 0; lane < lanes.length; lane++) {
            if (perLane[lane] == 0) continue;
            List<Alert> part = new ArrayList<>(perLane[lane]);
            List<String> partKeys = new ArrayList<>(perLane[lane]);
            int[] positions = new int[perLane[lane]];
            for (int n = 0; n < alerts.size(); n++) {
                if (laneOf[n] == lane) {
                    positions[part.size()] = n;
                    part.add(alerts.get(n));
                    partKeys.add(groupKeys[n]);
                }
            }
            Submission s = new Submission(part, partKeys, positions, new CompletableFuture<>(), trace);
            parts.add(s.done().thenAccept(written -> {
                for (int k = 0; k < written.size(); k++) outcomes[s.positions()[k]] = written.get(k);
            }));
            lanes[lane].queue.add(s);
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(v -> new ArrayList<>(Arrays.asList(outcomes)));
    }

    /** One writer thread and its queue. */
    private final class Lane {

        final LinkedBlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
        final Thread thread;
        private final boolean flushesCounts;

        Lane(int index) {
            flushesCounts = index == 0;
            thread = new Thread(this::run, "alert-writer-" + index);
            thread.setDaemon(true);
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
                    if (flushesCounts) flushCountsWhenDue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    LOG.error("alert writer round failed", e);
                }
            }
            if (flushesCounts) flushCounts();
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
            // one transaction for all the batch's callers: its events join the first caller's trace
            try (Scope traced = batch.get(0).trace().makeCurrent()) {
                List<Alert> all = new ArrayList<>(alerts);
                List<String> keys = new ArrayList<>(alerts);
                for (Submission s : batch) {
                    all.addAll(s.alerts());
                    keys.addAll(s.groupKeys());
                }
                List<AlertIntake.Outcome> outcomes = intake.acceptAll(all, keys);
                int from = 0;
                for (Submission s : batch) {
                    complete(s, outcomes.subList(from, from + s.alerts().size()));
                    from += s.alerts().size();
                }
            } catch (RuntimeException batchFailed) {
                // one caller's problem (a taken incident ID, a race lost to another replica) must not fail the others
                for (Submission s : batch) {
                    try (Scope traced = s.trace().makeCurrent()) {
                        complete(s, intake.acceptAll(s.alerts(), s.groupKeys()));
                    } catch (RuntimeException e) {
                        s.done().completeExceptionally(e);
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
            s.done().complete(new ArrayList<>(outcomes));
        }
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
