package io.incidentops.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.incidentops.platform.json.ControlCharactersException;
import io.incidentops.platform.failure.TransientFailures;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Maps every error a caller can cause to an RFC 7807 problem. Messages name the field and the rule, never the
 * exception class; unexpected failures are logged with a reference the caller can quote.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Long enough for a pool to free a connection or a primary to fail over; short enough for a retrying caller. */
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response notFound(ResourceNotFoundException e) {
        return Problem.of(Response.Status.NOT_FOUND, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e) {
        return Problem.of(Response.Status.CONFLICT, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e) {
        return Problem.invalid("The request is invalid.", e.errors()).toResponse();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return Problem.invalid("The request is invalid.", errors).toResponse();
    }

    @ServerExceptionMapper(priority = 1)
    public Response malformedJson(JsonParseException e) {
        return malformedJson((com.fasterxml.jackson.core.JsonProcessingException) e);
    }

    private static Response malformedJson(com.fasterxml.jackson.core.JsonProcessingException e) {
        return Problem.invalid("The body is not valid JSON: " + e.getOriginalMessage(), List.of()).toResponse();
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e) {
        return wrongJson(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response tooBig(com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
        return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "The body exceeds a size limit.").toResponse();
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalidFormat(InvalidFormatException e) {
        return wrongJson(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response valueInstantiation(ValueInstantiationException e) {
        // a record constructor rejected the value (e.g. requireNonNull); its message is ours, not Jackson's
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return invalidField(e, cause.getMessage() == null ? "invalid value" : cause.getMessage());
    }

    @ServerExceptionMapper(priority = 1)
    public Response jsonMapping(JsonMappingException e) {
        return wrongJson(e);
    }

    /** JAX-RS' own errors (unknown path 404, 405, 406, 415...) keep their status, with a problem body. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        // Quarkus REST wraps body-reading failures; report them like the unwrapped ones
        JsonMappingException mapping = null;
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof com.fasterxml.jackson.core.exc.StreamReadException parse) {
                return malformedJson(parse); // broken syntax, even when reported along a field path
            }
            if (mapping == null && cause instanceof JsonMappingException m) {
                mapping = m;
            }
        }
        if (mapping != null) {
            return wrongJson(mapping);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (e instanceof NotFoundException && e.getCause() != null) {
            // a query or path parameter that does not convert (JAX-RS says 404; the caller sent a bad request)
            return Problem.invalid("A query or path parameter has an invalid value: " + parameterProblem(e.getCause()),
                    List.of()).toResponse();
        }
        if (status.getStatusCode() >= 500) {
            return unexpected(e);
        }
        return Problem.of(status, status.getReasonPhrase()).toResponse();
    }

    /**
     * The last resort: no internals to the caller, a reference to find the log line. A dependency that is away for a
     * while (the database's pool timing out, a lost connection, a deadlock: {@link TransientFailures}) is no bug of
     * ours: 503 with {@code Retry-After}, so that clients and load balancers retry instead of giving up.
     */
    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        String reference = UUID.randomUUID().toString();
        if (TransientFailures.isTransient(e)) {
            LOG.warnf(e, "a dependency is unavailable, reference %s", reference);
            return Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                            "A dependency is temporarily unavailable; retry later (reference " + reference + ").")
                    .toResponse()).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
        }
        LOG.errorf(e, "unexpected error, reference %s", reference);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; reference " + reference + ".").toResponse();
    }

    private static String parameterProblem(Throwable conversion) {
        if (conversion instanceof NumberFormatException) return "expected a number";
        if (conversion instanceof java.time.format.DateTimeParseException) return "expected an ISO-8601 timestamp";
        return conversion.getMessage() == null ? "cannot read it" : shortValue(conversion.getMessage());
    }

    private static Response wrongJson(JsonMappingException e) {
        String message;
        if (e instanceof ControlCharactersException) {
            message = ControlCharactersException.MESSAGE;
        } else if (e instanceof InvalidFormatException invalid) {
            message = "cannot read " + shortValue(invalid.getValue()) + " as " + expected(invalid.getTargetType());
        } else if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            message = "expected " + expected(mismatched.getTargetType());
        } else {
            message = "invalid value";
        }
        return invalidField(e, message);
    }

    /** Names the JSON a caller should send, never the Java type. */
    private static String expected(Class<?> type) {
        if (type == null) return "a different value";
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) return "an ISO-8601 timestamp";
        if (type == java.time.Duration.class) return "an ISO-8601 duration";
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) return "a number";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (type == String.class) return "a string";
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) return "an array";
        return "an object";
    }

    private static String shortValue(Object value) {
        String text = String.valueOf(value);
        return "\"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
    }

    private static Response invalidField(JsonMappingException e, String message) {
        String field = jsonPath(e.getPath());
        return Problem.invalid("The request body has an invalid field.",
                List.of(new Problem.FieldError(field.isEmpty() ? "$" : field, message))).toResponse();
    }

    private static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** {@code create.arg0.alerts[0].status} → {@code alerts[0].status}: drops the method and parameter nodes. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, PARAMETER, RETURN_VALUE, CROSS_PARAMETER -> {
                    continue;
                }
                default -> {
                }
            }
            if (node.isInIterable()) {
                sb.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<")) { // skip "<list element>" and the like
                if (!sb.isEmpty()) sb.append('.');
                sb.append(name);
            }
        }
        return sb.isEmpty() ? "$" : sb.toString();
    }
}
