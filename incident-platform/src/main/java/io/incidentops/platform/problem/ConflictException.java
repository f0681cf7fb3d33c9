package io.incidentops.platform.problem;

/** The request is valid but clashes with the resource's current state (e.g. resolving a resolved incident): 409. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
