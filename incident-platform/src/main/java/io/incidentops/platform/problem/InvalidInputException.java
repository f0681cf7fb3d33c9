package io.incidentops.platform.problem;

import java.util.List;

/** Input that passed JSON binding but breaks a rule (an unknown severity, a timestamp in the future...): 400. */
public class InvalidInputException extends RuntimeException {
    private final List<Problem.FieldError> errors;

    public InvalidInputException(String field, String message) {
        super(field + ": " + message);
        this.errors = List.of(new Problem.FieldError(field, message));
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
