package io.incidentops.platform.failure;

import org.apache.kafka.common.errors.RetriableException;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure that passes by itself (the database or the broker away for a while, a lock conflict, a timeout)
 * from one that a retry of the same record will not fix. A consumer retries the first kind for as long as it lasts:
 * dead-lettering a record because PostgreSQL was failing over would lose it.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    /** Whether anything in the cause chain is transient. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PermanentFailure) return false;
            if (transientItself(t)) return true;
        }
        return false;
    }

    private static boolean transientItself(Throwable t) {
        if (t instanceof SQLException sql && transientState(sql)) return true;
        return t instanceof SQLTransientException // the driver's own word: timeouts, lost connections
                || t instanceof RetriableException // Kafka: leader moving, broker away, request timed out
                || t instanceof IOException
                || t instanceof TimeoutException
                || t instanceof jakarta.persistence.LockTimeoutException
                || t instanceof jakarta.persistence.QueryTimeoutException;
    }

    /**
     * SQLState classes 08 (connection exception), 53 (insufficient resources: disk full, too many connections), 57P
     * (operator intervention: shutdown, crash recovery), 40001 (serialization failure) and 40P01 (deadlock). A pool
     * that cannot hand out a connection in time says so without a state.
     */
    static boolean transientState(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return e.getMessage() != null && e.getMessage().contains("acquisition timeout"); // Agroal's pool
        }
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                || state.equals("40001") || state.equals("40P01");
    }
}
