package io.incidentops.platform.worker;

import io.incidentops.platform.tracing.TraceParents;
import io.incidentops.platform.transaction.AfterCommit;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one loop of every {@code FOR UPDATE SKIP LOCKED} worker: claim a batch of due items (each claim takes a lease,
 * so replicas never work on the same item at once), work each one outside any transaction, and when one fails
 * leave it to its lease: a later round, here or on another replica, picks it up again.
 * <p>
 * An item that keeps the {@code traceparent} of the work that created it ({@link Traced}) is worked in a span of
 * that trace, so what happens later (an escalation step paging someone minutes after the alert) is part of the alert's
 * trace, and so are the events it publishes.
 * <p>
 * A subclass says what to claim and how to work one item, and triggers {@link #runOnce()} from its own
 * {@code @Scheduled} method (the schedule is configuration of the service that owns the work):
 *
 * <pre>
 * &#64;Scheduled(every = "${...poll-interval:2s}", concurrentExecution = SKIP,
 *         skipExecutionIf = Scheduled.ApplicationNotRunning.class)
 * void run() { runOnce(); }
 * </pre>
 * (without the skip, rounds that start while the service stops fail on its closed persistence unit, logged as errors).
 * <p>
 * The poll is the safety net, not the pace: the code that creates an item due now calls {@link #wakeUpAfterCommit()}
 * in the creating transaction, and the item is worked as soon as that transaction commits (a page is sent in
 * milliseconds, not at the next poll of each worker on its way).
 */
public abstract class ClaimWorker<T> {

    private static final Logger LOG = Logger.getLogger(ClaimWorker.class);

    /** Claims the due items (committing their leases) and returns them. */
    protected abstract List<T> claim();

    /** Works one claimed item; it records its own outcome. A runtime exception leaves the item to its lease. */
    protected abstract void work(T item);

    /** How a log line names the item (never a secret such as a webhook URL). */
    protected abstract String describe(T item);

    /** The stored {@code traceparent} of the work that created the item ({@link Traced}), or null: no span. */
    protected String traceparent(T item) {
        return item instanceof Traced traced ? traced.traceparent() : null;
    }

    /** The span's name: one per kind of work, not per item (the item is an attribute). */
    protected String spanName() {
        return "claimed work";
    }

    /**
     * How many threads work a wake-up's rounds at once (each claiming its own items): more than one for work that
     * mostly waits on a remote server or a commit, such as sending pages, so that fifty pages of a storm do not go
     * out one after another.
     */
    protected int parallelism() {
        return 1;
    }

    /** How many rounds a wake-up runs at most (each claims a batch) before leaving the rest to the poll. */
    private static final int ROUNDS_PER_WAKE_UP = 100;
    private static final Object WAKE_UP_REGISTERED = new Object();

    @Inject
    Tracer tracer;

    @Inject
    AfterCommit afterCommit;

    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private volatile ExecutorService waker;
    private volatile ExecutorService helpers;

    /**
     * Asks for rounds right after the current transaction commits (before, the item it created is not visible to a
     * claim); one wake-up per transaction and worker, however many items it creates. Nothing happens on a rollback.
     */
    public void wakeUpAfterCommit() {
        afterCommit.once(List.of(WAKE_UP_REGISTERED, getClass()), this::wakeUp);
    }

    /**
     * Runs rounds soon on this worker's own thread, until one works nothing; wake-ups that arrive while one is queued
     * fold into it. The scheduled poll may run at the same time: the claims' leases keep them apart.
     */
    public void wakeUp() {
        if (!wakeUpPending.compareAndSet(false, true)) return;
        try {
            waker().execute(() -> {
                wakeUpPending.set(false);
                wokenRounds();
            });
        } catch (RejectedExecutionException stopping) {
            wakeUpPending.set(false);
        }
    }

    private void wokenRounds() {
        int threads = parallelism();
        List<CompletableFuture<Void>> helping = new ArrayList<>();
        try {
            for (int n = 1; n < threads; n++) {
                helping.add(CompletableFuture.runAsync(this::roundsInRequestContext, helpers(threads - 1)));
            }
            roundsInRequestContext();
            // interruptible, unlike join(): stopping drops queued helper rounds, whose futures then never complete
            CompletableFuture.allOf(helping.toArray(CompletableFuture[]::new)).get();
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (RejectedExecutionException stopping) {
            // the poll, or the next start, takes what is left
        } catch (ExecutionException e) { // an Error: each round logs its own exceptions
            LOG.errorf(e.getCause(), "%s: woken rounds failed", spanName());
        }
    }

    private void roundsInRequestContext() {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            runRounds(ROUNDS_PER_WAKE_UP);
        } catch (RuntimeException e) {
            LOG.warnf("%s: woken round failed, the poll will retry: %s", spanName(), e.getMessage());
        } finally {
            request.terminate();
        }
    }

    private ExecutorService helpers(int threads) {
        ExecutorService h = helpers;
        if (h == null) {
            synchronized (this) {
                if (helpers == null) helpers = Executors.newFixedThreadPool(threads, daemon("helper "));
                h = helpers;
            }
        }
        return h;
    }

    /** Threads named after the worker's class (not an ArC subclass), so a thread dump names the work. */
    private ThreadFactory daemon(String prefix) {
        String name = prefix + getClass().getSimpleName().replace("_Subclass", "");
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private ExecutorService waker() {
        ExecutorService w = waker;
        if (w == null) {
            synchronized (this) {
                if (waker == null) waker = Executors.newSingleThreadExecutor(daemon("wake-up "));
                w = waker;
            }
        }
        return w;
    }

    @PreDestroy
    protected void stopWaking() {
        for (ExecutorService e : new ExecutorService[] {waker, helpers}) {
            if (e != null) e.shutdownNow();
        }
    }

    /** Runs rounds until one works nothing or {@code max} have run; returns how many items were worked. */
    public int runRounds(int max) {
        int done = 0;
        for (int i = 0; i < max; i++) {
            int worked = runOnce();
            if (worked == 0) break;
            done += worked;
        }
        return done;
    }

    /** One round; returns how many items were worked without an exception. */
    public int runOnce() {
        int done = 0;
        for (T item : claim()) {
            Span span = TraceParents.toContext(traceparent(item))
                    .map(parent -> tracer.spanBuilder(spanName()).setParent(parent)
                            .setAttribute("incidentops.work.item", describe(item)).startSpan())
                    .orElse(Span.getInvalid());
            try (Scope ignored = span.makeCurrent()) {
                work(item);
                done++;
            } catch (RuntimeException e) {
                span.recordException(e);
                LOG.warnf(e, "%s failed, will retry when its lease runs out", describe(item));
            } finally {
                span.end();
            }
        }
        return done;
    }
}
