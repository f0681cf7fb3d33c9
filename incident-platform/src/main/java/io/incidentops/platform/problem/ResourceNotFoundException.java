package io.incidentops.platform.problem;

/** The addressed resource does not exist: 404. */
public class ResourceNotFoundException extends RuntimeException {
    public ResourceNotFoundException(String message) {
        super(message);
    }
}
