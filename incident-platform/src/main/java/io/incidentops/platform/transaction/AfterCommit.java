package io.incidentops.platform.transaction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.function.Consumer;
import java.util.function.Supplier;

/** Runs side effects that must not happen twice on a retried transaction (metrics, wake-ups) once it has committed. */
@ApplicationScoped
public class AfterCommit {

    @Inject
    TransactionSynchronizationRegistry transactions;

    /**
     * Runs {@code action} once the current transaction has committed, however often it is asked for under the same
     * {@code key} in this transaction (a wake-up per transaction, not per row written).
     */
    public void once(Object key, Runnable action) {
        collect(key, () -> Boolean.TRUE, registered -> action.run());
    }

    /**
     * This transaction's {@code T} under {@code key}: made by {@code create} on first use and handed to {@code onCommit}
     * once the transaction has committed. A tally of a transaction's rows is applied once, not a side effect per row.
     */
    @SuppressWarnings("unchecked")
    public <T> T collect(Object key, Supplier<T> create, Consumer<T> onCommit) {
        T existing = (T) transactions.getResource(key);
        if (existing != null) return existing;
        T created = create.get();
        transactions.putResource(key, created);
        run(() -> onCommit.accept(created));
        return created;
    }

    public void run(Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) action.run();
            }
        });
    }
}
