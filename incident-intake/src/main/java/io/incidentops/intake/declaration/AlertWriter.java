package io.incidentops.intake.declaration;

import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.config.IntakeConfig;
import io.incidentops.intake.grouping.GroupingPolicy;
import io.incidentops.intake.incident.DeliveryCounts;
import io.incidentops.platform.tracing.TraceParents;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * Group commit, as Kafka's producer batches per partition: callers from any number of requests and records hand
 * their alerts to writer threads ("lanes", one per group-key hash, as a partition per key), each of which commits up
 * to {@code max-batch-alerts} of them in one transaction. Under load the batches grow and the commits per alert
 * shrink; idle, an alert waits for nobody. A group always takes the same lane, so its alerts keep their order and
 * lanes rarely wait for each other's row locks.
 * <p>
 * Two ways in. {@link #submit} answers each caller after the transaction that applied its alerts (the caller learns
 * its incidents). {@link #queue} answers once the alerts are durable in the {@link AlertJournal} (one insert shared by
 * every caller of a group commit, on a journal thread), and the lane applies them afterwards, deleting their journal
 * row in the applying transaction. The queues are bounded in alerts: when full, a caller is refused at once
 * ({@link IntakeOverloadedException}) rather than letting waits grow without bound. The first lane also writes the
 * repeat counts every flush interval and applies journal rows left stale by any replica.
 */
@ApplicationScoped
public class AlertWriter {

    private static final Logger LOG = Logger.getLogger(AlertWriter.class);
    private static final int STALE_ROWS_PER_TRANSACTION = 100;

    /**
     * Part of a caller's alerts for one lane; {@code positions} are their places in the caller's list, {@code trace}
     * the caller's tracing context (a declaration's events continue the trace of the alert that caused it). A
     * journaled part carries its stored form and, once appended, its row's id.
     */
    private static final class Submission {
        final List<Alert> alerts;
        final List<String> groupKeys;
        final int[] positions;
        final Context trace;
        final CompletableFuture<List<AlertIntake.Outcome>> applied = new CompletableFuture<>();
        final String payload;
        long journalId;
        long queuedAtNanos;

        Submission(List<Alert> alerts, List<String> groupKeys, int[] positions, Context trace, String payload) {
            this.alerts = alerts;
            this.groupKeys = groupKeys;
            this.positions = positions;
            this.trace = trace;
            this.payload = payload;
        }

        boolean journaled() {
            return payload != null;
        }
    }

    /** One caller's journaled parts, answered together once their rows are committed. */
    private record Journaling(List<Submission> parts, CompletableFuture<Void> durable) {
    }

    @Inject
    AlertIntake intake;

    @Inject
    AlertJournal journal;

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
    private final LinkedBlockingQueue<Journaling> journalQueue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private volatile boolean paused;
    private Lane[] lanes = new Lane[0];
    private Thread[] journalThreads = new Thread[0];
    private long nextFlushNanos;
    private long nextStaleSweepNanos;

    void start(@Observes StartupEvent event) {
        meters.gauge("incidentops.intake.writer.queued", queuedAlerts);
        running = true;
        lanes = new Lane[config.writer().lanes()];
        for (int n = 0; n < lanes.length; n++) lanes[n] = new Lane(n);
        journalThreads = new Thread[config.writer().journalWriters()];
        for (int n = 0; n < journalThreads.length; n++) {
            journalThreads[n] = new Thread(this::appendToJournal, "alert-journal-" + n);
            journalThreads[n].setDaemon(true);
            journalThreads[n].start();
        }
        for (Lane lane : lanes) lane.thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        for (Thread t : journalThreads) t.join(5000);
        for (Lane lane : lanes) lane.thread.join(5000);
    }

    /**
     * Holds the lanes (the journal still answers; callers of {@link #submit} wait, and everyone is refused once the
     * queues are full) until {@link #resume()}: tests, maintenance.
     */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    /**
     * The writer's threads that have died while the service runs (none when healthy): a dead journal thread leaves
     * its callers unanswered, a dead lane leaves its groups' alerts unapplied. The liveness check reads this.
     */
    public List<String> deadThreads() {
        if (!running) return List.of();
        List<String> dead = new ArrayList<>();
        for (Thread t : journalThreads) if (!t.isAlive()) dead.add(t.getName());
        for (Lane lane : lanes) if (!lane.thread.isAlive()) dead.add(lane.thread.getName());
        return dead;
    }

    /** Alerts waiting to be applied (journaled or not). */
    public int queuedAlerts() {
        return queuedAlerts.get();
    }

    /** Queues the alerts; the future completes with their outcomes, in their order, once all are committed. */
    CompletableFuture<List<AlertIntake.Outcome>> submit(List<Alert> alerts) {
        reserve(alerts);
        List<Submission> parts = split(alerts, Context.current(), false);
        AlertIntake.Outcome[] outcomes = new AlertIntake.Outcome[alerts.size()];
        List<CompletableFuture<?>> applied = new ArrayList<>();
        for (Submission s : parts) {
            applied.add(s.applied.thenAccept(written -> {
                for (int k = 0; k < written.size(); k++) outcomes[s.positions[k]] = written.get(k);
            }));
            lanes[laneOf(s.groupKeys.get(0))].queue.add(s);
        }
        return onCallersContext(CompletableFuture.allOf(applied.toArray(CompletableFuture[]::new))
                .thenApply(v -> new ArrayList<>(Arrays.asList(outcomes))));
    }

    /**
     * Journals the alerts; the future completes once they are durable (they are applied afterwards), with a
     * {@link AlertIntake#QUEUED} outcome per alert naming its group. Beyond {@code journal-backlog} alerts waiting,
     * it completes only once they are applied too, with their incidents: callers that send faster than the lanes
     * apply are slowed down (as without the journal) before they would be refused.
     */
    CompletableFuture<List<AlertIntake.Outcome>> queue(List<Alert> alerts) {
        reserve(alerts);
        Journaling j = new Journaling(split(alerts, Context.current(), true), new CompletableFuture<>());
        AlertIntake.Outcome[] outcomes = new AlertIntake.Outcome[alerts.size()];
        for (Submission s : j.parts()) {
            for (int k = 0; k < s.alerts.size(); k++) {
                outcomes[s.positions[k]] = new AlertIntake.Outcome(null, AlertIntake.QUEUED,
                        s.alerts.get(k).dedupKey(), s.groupKeys.get(k));
            }
        }
        boolean behind = queuedAlerts.get() > config.writer().journalBacklog();
        journalQueue.add(j);
        CompletableFuture<?> answered = j.durable();
        if (behind) {
            answered = answered.thenCompose(v -> CompletableFuture.allOf(j.parts().stream().map(s -> s.applied
                    .thenAccept(applied -> { // empty when another replica applied it: the answer says queued
                        for (int k = 0; k < applied.size(); k++) outcomes[s.positions[k]] = applied.get(k);
                    })).toArray(CompletableFuture[]::new)));
        }
        return onCallersContext(answered.thenApply(v -> new ArrayList<>(Arrays.asList(outcomes))));
    }

    /** Counts the alerts as queued, or refuses them when the queues are full; until applied, none is a repeat. */
    private void reserve(List<Alert> alerts) {
        int limit = config.writer().maxQueuedAlerts();
        if (queuedAlerts.addAndGet(alerts.size()) > limit && queuedAlerts.get() > alerts.size()) {
            queuedAlerts.addAndGet(-alerts.size());
            throw new IntakeOverloadedException("intake is at capacity (" + limit + " alerts waiting to be written)",
                    config.writer().retryAfterSeconds());
        }
        known.unsettled(alerts);
    }

    /** An HTTP caller's answer is written on its own event loop, never on a writer thread. */
    private static <T> CompletableFuture<T> onCallersContext(CompletableFuture<T> done) {
        io.vertx.core.Context caller = Vertx.currentContext();
        if (caller == null) return done;
        CompletableFuture<T> answered = new CompletableFuture<>();
        done.whenComplete((result, failure) -> caller.runOnContext(v -> {
            if (failure != null) answered.completeExceptionally(failure);
            else answered.complete(result);
        }));
        return answered;
    }

    /** The caller's alerts by lane; the group key is computed once per alert (the writer's transaction reuses it). */
    private List<Submission> split(List<Alert> alerts, Context trace, boolean journaled) {
        String[] groupKeys = new String[alerts.size()];
        int[] laneOf = new int[alerts.size()];
        int[] perLane = new int[lanes.length];
        for (int n = 0; n < alerts.size(); n++) {
            groupKeys[n] = grouping.keyFor(alerts.get(n));
            laneOf[n] = laneOf(groupKeys[n]);
            perLane[laneOf[n]]++;
        }
        List<Submission> parts = new ArrayList<>();
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
            parts.add(new Submission(part, partKeys, positions, trace, journaled ? journal.encode(part) : null));
        }
        return parts;
    }

    private int laneOf(String groupKey) {
        return Math.floorMod(groupKey.hashCode(), lanes.length);
    }

    private boolean journaling() {
        for (Thread t : journalThreads) {
            if (t.isAlive()) return true;
        }
        return false;
    }

    /**
     * A journal thread: one insert for every caller waiting, then their parts go to their lanes. Several of them
     * overlap one insert's commit with the next one's gathering, as PostgreSQL's own group commit does.
     */
    private void appendToJournal() {
        while (running || !journalQueue.isEmpty()) {
            Journaling first;
            try {
                first = journalQueue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) continue;
            List<Journaling> batch = takeMore(journalQueue, first, AlertWriter::alertCount,
                    config.writer().maxBatchAlerts());
            try {
                append(batch);
            } catch (RuntimeException e) {
                // this thread must outlive any one batch: its callers are told, the next batch goes on
                LOG.error("journaling a batch failed", e);
                failJournaling(batch, e);
            }
        }
    }

    /**
     * {@code first} and whatever else is waiting, up to {@code maxAlerts}. Several journal threads take from the one
     * queue, so it polls and never peeks: an element seen by a peek may be gone (taken by another) before the poll.
     */
    static <T> List<T> takeMore(BlockingQueue<T> queue, T first, ToIntFunction<T> alerts, int maxAlerts) {
        List<T> batch = new ArrayList<>();
        batch.add(first);
        int taken = alerts.applyAsInt(first);
        T next;
        while (taken < maxAlerts && (next = queue.poll()) != null) {
            batch.add(next);
            taken += alerts.applyAsInt(next);
        }
        return batch;
    }

    private static int alertCount(Journaling j) {
        return j.parts().stream().mapToInt(s -> s.alerts.size()).sum();
    }

    private void failJournaling(List<Journaling> batch, Exception e) {
        for (Journaling j : batch) {
            queuedAlerts.addAndGet(-alertCount(j));
            j.parts().forEach(s -> known.settled(s.alerts));
            j.durable().completeExceptionally(new IntakeOverloadedException(
                    "the alerts could not be stored now: " + e.getMessage(), config.writer().retryAfterSeconds()));
        }
    }

    private void append(List<Journaling> batch) {
        List<Submission> parts = batch.stream().flatMap(j -> j.parts().stream()).toList();
        List<String> traceparents = new ArrayList<>(parts.size());
        for (Submission s : parts) {
            try (Scope traced = s.trace.makeCurrent()) {
                traceparents.add(TraceParents.current());
            }
        }
        long[] ids;
        try {
            ids = journal.append(parts.stream().map(s -> s.payload).toList(), traceparents);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("journaling %d alert parts failed: %s", parts.size(), e.getMessage());
            failJournaling(batch, e);
            return;
        }
        long now = System.nanoTime();
        for (int n = 0; n < parts.size(); n++) {
            parts.get(n).journalId = ids[n];
            parts.get(n).queuedAtNanos = now;
            lanes[laneOf(parts.get(n).groupKeys.get(0))].queue.add(parts.get(n));
        }
        for (Journaling j : batch) j.durable().complete(null);
    }

    /** One writer thread and its queue. */
    private final class Lane {

        final LinkedBlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
        final Thread thread;
        private final boolean housekeeping;

        Lane(int index) {
            housekeeping = index == 0;
            thread = new Thread(this::run, "alert-writer-" + index);
            thread.setDaemon(true);
        }

        private void run() {
            while (running || !queue.isEmpty() || journaling()) {
                try {
                    Submission first = queue.poll(100, TimeUnit.MILLISECONDS);
                    while (paused && running) {
                        Thread.sleep(20); // also holds a submission taken just before pause()
                    }
                    if (first != null) {
                        lingerFor(first);
                        write(batchFrom(first));
                    }
                    if (housekeeping) {
                        flushCountsWhenDue();
                        applyStaleJournalWhenDue();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    LOG.error("alert writer round failed", e);
                }
            }
            if (housekeeping) flushCounts();
        }

        /**
         * Journaled alerts have been answered: the lane waits up to {@code apply-linger} for more, as Kafka's producer
         * lingers, because a transaction of a hundred alerts costs little more than one of four. Not for an alert of a
         * group new to this replica: it probably declares an incident, and its page must not wait for company.
         */
        private void lingerFor(Submission first) throws InterruptedException {
            if (!first.journaled() || !first.groupKeys.stream().allMatch(known::seenGroup)) return;
            long until = first.queuedAtNanos + config.writer().applyLinger().toNanos();
            long left;
            while ((left = until - System.nanoTime()) > 0 && running
                    && queuedAlerts() < config.writer().maxBatchAlerts()) {
                Thread.sleep(Math.max(1, Math.min(5, left / 1_000_000)));
            }
        }

        private List<Submission> batchFrom(Submission first) {
            List<Submission> batch = new ArrayList<>();
            batch.add(first);
            int alerts = first.alerts.size();
            Submission next; // only this lane's thread takes from its queue: what it peeks is still there to poll
            while ((next = queue.peek()) != null && alerts + next.alerts.size() <= config.writer().maxBatchAlerts()) {
                batch.add(queue.poll());
                alerts += next.alerts.size();
            }
            return batch;
        }

        private void write(List<Submission> batch) {
            int alerts = batch.stream().mapToInt(s -> s.alerts.size()).sum();
            // one transaction for all the batch's callers: its events join the first caller's trace
            try (Scope traced = batch.get(0).trace.makeCurrent()) {
                apply(batch);
            } catch (RuntimeException batchFailed) {
                // one caller's problem (a taken incident ID, a race lost to another replica) must not fail the others
                for (Submission s : batch) {
                    try (Scope traced = s.trace.makeCurrent()) {
                        apply(List.of(s));
                    } catch (RuntimeException e) {
                        if (s.journaled()) {
                            LOG.errorf(e, "journaled alerts (row %d) could not be applied; retried after %s",
                                    s.journalId, config.writer().staleJournalAfter());
                        }
                        s.applied.completeExceptionally(e);
                    }
                }
            } finally {
                queuedAlerts.addAndGet(-alerts);
                for (Submission s : batch) known.settled(s.alerts);
            }
        }

        /**
         * Applies the submissions in one transaction that also deletes their journal rows; a journaled part whose row
         * another replica took meanwhile is left to it.
         */
        private void apply(List<Submission> batch) {
            record Applied(List<Submission> parts, List<AlertIntake.Outcome> outcomes) {
            }
            Applied applied = QuarkusTransaction.requiringNew().call(() -> {
                List<Long> ids = batch.stream().filter(Submission::journaled).map(s -> s.journalId).toList();
                Set<Long> taken = ids.isEmpty() ? Set.of() : journal.take(ids);
                List<Submission> mine = batch.stream().filter(s -> !s.journaled() || taken.contains(s.journalId)).toList();
                List<Alert> all = new ArrayList<>();
                List<String> keys = new ArrayList<>();
                for (Submission s : mine) {
                    all.addAll(s.alerts);
                    keys.addAll(s.groupKeys);
                }
                return new Applied(mine, all.isEmpty() ? List.of() : intake.acceptAll(all, keys));
            });
            int from = 0;
            for (Submission s : applied.parts()) {
                complete(s, applied.outcomes().subList(from, from + s.alerts.size()));
                from += s.alerts.size();
            }
            for (Submission s : batch) {
                s.applied.complete(List.of()); // no-op for those completed above; the rest were applied elsewhere
            }
        }

        private void complete(Submission s, List<AlertIntake.Outcome> outcomes) {
            for (int n = 0; n < outcomes.size(); n++) {
                known.learn(s.alerts.get(n), outcomes.get(n));
            }
            s.applied.complete(new ArrayList<>(outcomes));
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

    /** Journal rows nobody applied in time (their replica died): applied here, oldest first, each row once. */
    private void applyStaleJournalWhenDue() {
        long now = System.nanoTime();
        if (now - nextStaleSweepNanos < 0) return;
        nextStaleSweepNanos = now + config.writer().staleJournalAfter().toNanos() / 3;
        int taken;
        do {
            taken = QuarkusTransaction.requiringNew().call(() -> {
                List<AlertJournal.Entry> stale = journal.takeStale(config.writer().staleJournalAfter(),
                        STALE_ROWS_PER_TRANSACTION);
                if (stale.isEmpty()) return 0;
                // all in one call: its locks are taken in group-key order, as the lanes take theirs
                List<Alert> alerts = stale.stream().flatMap(e -> e.alerts().stream()).toList();
                Context trace = TraceParents.toContext(stale.get(0).traceparent()).orElse(Context.root());
                try (Scope traced = trace.makeCurrent()) {
                    intake.acceptAll(alerts, alerts.stream().map(grouping::keyFor).toList());
                }
                LOG.infof("applied %d journal rows left by a replica that stopped or fell behind", stale.size());
                return stale.size();
            });
        } while (taken == STALE_ROWS_PER_TRANSACTION && running);
    }
}
