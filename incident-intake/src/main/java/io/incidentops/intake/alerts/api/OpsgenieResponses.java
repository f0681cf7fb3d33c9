package io.incidentops.intake.alerts.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.incidentops.intake.declaration.IntakeOverloadedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.UUID;

/**
 * Opsgenie's answers (docs.opsgenie.com/docs/response; the error shape from opsgenie-go-sdk-v2
 * {@code client.ApiError}): 202 {@code {result, took, requestId}}, errors {@code {message, errors?, took,
 * requestId}}, each with the {@code X-Request-ID} and {@code X-Response-Time} headers; {@code took} is in seconds.
 */
final class OpsgenieResponses {

    static final String ACCEPTED = "Request will be processed";
    static final String NOT_PROCESSABLE = "Request body is not processable. Please check the errors.";

    record Accepted(String result, double took, String requestId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String message, Map<String, String> errors, double took, String requestId) {
    }

    private OpsgenieResponses() {
    }

    /** 202: Opsgenie's answer to every valid alert request, whether or not it finds the alert it names. */
    static Response accepted(long startedNanos) {
        String requestId = UUID.randomUUID().toString();
        double took = took(startedNanos);
        return headers(Response.accepted(new Accepted(ACCEPTED, took, requestId)), requestId, took).build();
    }

    /** 422 naming each invalid field, as Opsgenie answers a body it cannot process. */
    static Response notProcessable(Map<String, String> errors, long startedNanos) {
        return error(422, NOT_PROCESSABLE, errors, startedNanos);
    }

    /** 401, Opsgenie's answer to a missing, unknown or malformed {@code GenieKey}. */
    static Response unauthenticated(long startedNanos) {
        return error(401, "Could not authenticate", null, startedNanos);
    }

    /** 429 with {@code Retry-After}: Opsgenie's clients (and Alertmanager's notifier) retry it. */
    static Response throttled(IntakeOverloadedException e, long startedNanos) {
        return Response.fromResponse(error(429, e.getMessage(), null, startedNanos))
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build();
    }

    static Response error(int status, String message, Map<String, String> errors, long startedNanos) {
        String requestId = UUID.randomUUID().toString();
        double took = took(startedNanos);
        return headers(Response.status(status).entity(new Error(message, errors, took, requestId)), requestId, took)
                .build();
    }

    private static Response.ResponseBuilder headers(Response.ResponseBuilder response, String requestId, double took) {
        return response.type(MediaType.APPLICATION_JSON).header("X-Request-ID", requestId)
                .header("X-Response-Time", took);
    }

    private static double took(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1_000_000.0) / 1000.0;
    }
}
