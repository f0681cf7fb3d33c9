package io.incidentops.platform.worker;

import io.incidentops.platform.tracing.TraceParents;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * The one loop of every {@code FOR UPDATE SKIP LOCKED} worker: claim a batch of due items (each claim takes a lease,
 * so replicas never work on the same item at once), work each one outside any transaction, and when one fails
 * leave it to its lease: a later round, here or on another replica, picks it up again.
 * <p>
 * An item that keeps the {@code traceparent} of the work that created it ({@link #traceparent}) is worked in a span of
 * that trace, so what happens later (an escalation step paging someone minutes after the alert) is part of the alert's
 * trace, and so are the events it publishes.
 * <p>
 * A subclass says what to claim and how to work one item, and triggers {@link #runOnce()} from its own
 * {@code @Scheduled} method (the schedule is configuration of the service that owns the work):
 *
 * <pre>
 * &#64;Scheduled(every = "${...poll-interval:2s}", concurrentExecution = SKIP)
 * void run() { runOnce(); }
 * </pre>
 */
public abstract class ClaimWorker<T> {

    private static final Logger LOG = Logger.getLogger(ClaimWorker.class);

    /** Claims the due items (committing their leases) and returns them. */
    protected abstract List<T> claim();

    /** Works one claimed item; it records its own outcome. A runtime exception leaves the item to its lease. */
    protected abstract void work(T item);

    /** How a log line names the item (never a secret such as a webhook URL). */
    protected abstract String describe(T item);

    /** The stored {@code traceparent} of the work that created the item, or null (the default): no span. */
    protected String traceparent(T item) {
        return null;
    }

    /** The span's name: one per kind of work, not per item (the item is an attribute). */
    protected String spanName() {
        return "claimed work";
    }

    @Inject
    Tracer tracer;

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
