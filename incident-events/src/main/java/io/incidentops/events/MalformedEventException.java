package io.incidentops.events;

/** An event whose data cannot be read: a poison record, never worth a retry. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
