package io.incidentops.intake.declaration;

/**
 * Intake cannot take these alerts now (its writer queue is full, or their commit did not come in time): nothing was
 * promised, the caller should send them again after {@link #retryAfterSeconds()}.
 */
public class IntakeOverloadedException extends RuntimeException {

    private final int retryAfterSeconds;

    public IntakeOverloadedException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
