package io.incidentops.executor.runbook;

/** A runbook file that cannot be used; thrown at startup so a broken catalogue never serves incidents. */
public class InvalidRunbookException extends RuntimeException {
    public InvalidRunbookException(String message) {
        super(message);
    }

    public InvalidRunbookException(String message, Throwable cause) {
        super(message, cause);
    }
}
