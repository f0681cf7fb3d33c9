package io.incidentops.platform.messaging;

import io.incidentops.platform.failure.PermanentFailure;

/**
 * A record no retry can fix (bad JSON, unknown type, missing attribute). Thrown from an {@code @Incoming} method it
 * nacks the record, which the channel's {@code dead-letter-queue} strategy sends to {@code <topic>.dlq} with this
 * message as {@code dead-letter-reason}; the consumer goes on with the next record.
 */
public class PoisonRecordException extends RuntimeException implements PermanentFailure {
    public PoisonRecordException(String message) {
        super(message);
    }

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
