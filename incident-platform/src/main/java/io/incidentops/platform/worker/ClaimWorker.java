package io.incidentops.platform.worker;

import org.jboss.logging.Logger;

import java.util.List;

/**
 * The one loop of every {@code FOR UPDATE SKIP LOCKED} worker: claim a batch of due items (each claim takes a lease,
 * so replicas never work on the same item at once), work each one outside any transaction, and when one fails
 * leave it to its lease: a later round, here or on another replica, picks it up again.
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

    /** One round; returns how many items were worked without an exception. */
    public int runOnce() {
        int done = 0;
        for (T item : claim()) {
            try {
                work(item);
                done++;
            } catch (RuntimeException e) {
                LOG.warnf(e, "%s failed, will retry when its lease runs out", describe(item));
            }
        }
        return done;
    }
}
