package io.incidentops.intake.alerts.opsgenie;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.UUID;

/**
 * Opsgenie's answers, for the Alert and Heartbeat APIs alike (docs.opsgenie.com/docs/response; the error shape from
 * opsgenie-go-sdk-v2 {@code client.ApiError}, the envelopes from its {@code client.ResultMetadata}): {@code result} or
 * {@code data}, errors as {@code message} (and {@code errors} by field for 422), each with {@code took} (seconds),
 * {@code requestId} and the {@code X-Request-ID} and {@code X-Response-Time} headers. Never problem details: Opsgenie's
 * clients read these.
 */
public final class OpsgenieAnswers {

    public static final String ACCEPTED = "Request will be processed";
    public static final String NOT_PROCESSABLE = "Request body is not processable. Please check the errors.";

    record Result(String result, double took, String requestId) {
    }

    record Data(Object data, double took, String requestId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String message, Map<String, String> errors, double took, String requestId) {
    }

    private OpsgenieAnswers() {
    }

    /** 202: Opsgenie's answer to every valid alert request, whether or not it finds the alert it names. */
    public static Response accepted(long startedNanos) {
        return result(202, ACCEPTED, startedNanos);
    }

    public static Response result(int status, String result, long startedNanos) {
        String requestId = UUID.randomUUID().toString();
        double took = took(startedNanos);
        return answer(status, new Result(result, took, requestId), requestId, took);
    }

    public static Response data(int status, Object data, long startedNanos) {
        String requestId = UUID.randomUUID().toString();
        double took = took(startedNanos);
        return answer(status, new Data(data, took, requestId), requestId, took);
    }

    /** 422 naming each invalid field, as Opsgenie answers a body it cannot process. */
    public static Response notProcessable(Map<String, String> errors, long startedNanos) {
        return error(422, NOT_PROCESSABLE, errors, startedNanos);
    }

    /** 401, Opsgenie's answer to a missing, unknown or malformed {@code GenieKey}. */
    public static Response unauthenticated(long startedNanos) {
        return Response.fromResponse(error(401, "Could not authenticate", startedNanos))
                .header(HttpHeaders.WWW_AUTHENTICATE, "GenieKey realm=\"incidentops-integrations\"").build();
    }

    /** 403, Opsgenie's answer to a key that may not do what it asks (here: an integration scoped to other routes). */
    public static Response forbidden(long startedNanos) {
        return error(403, "The key of this integration is not allowed to use this API", null, startedNanos);
    }

    /** 429 with {@code Retry-After}: Opsgenie's clients (and Alertmanager's notifier) retry it. */
    public static Response throttled(String message, int retryAfterSeconds, long startedNanos) {
        return Response.fromResponse(error(429, message, null, startedNanos))
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds).build();
    }

    public static Response error(int status, String message, long startedNanos) {
        return error(status, message, null, startedNanos);
    }

    public static Response error(int status, String message, Map<String, String> errors, long startedNanos) {
        String requestId = UUID.randomUUID().toString();
        double took = took(startedNanos);
        return answer(status, new Error(message, errors, took, requestId), requestId, took);
    }

    private static Response answer(int status, Object body, String requestId, double took) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).header("X-Request-ID", requestId)
                .header("X-Response-Time", took).build();
    }

    private static double took(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1_000_000.0) / 1000.0;
    }
}
