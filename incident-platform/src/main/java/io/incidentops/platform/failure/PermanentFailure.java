package io.incidentops.platform.failure;

/**
 * A failure that says of itself that no retry can help (a record that can never be processed), whatever its causes
 * are: {@link TransientFailures} never calls it transient.
 */
public interface PermanentFailure {
}
