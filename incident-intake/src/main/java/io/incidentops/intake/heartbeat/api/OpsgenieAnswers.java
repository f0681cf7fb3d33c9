package io.incidentops.intake.heartbeat.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.UUID;

/**
 * Opsgenie's answer envelopes (docs.opsgenie.com "Heartbeat API"; opsgenie-go-sdk-v2 {@code client.ResultMetadata}):
 * {@code data} or {@code result}, with {@code took} (seconds) and {@code requestId}; errors as {@code message} (and
 * {@code errors} by field for 422), never problem details: Opsgenie's clients read these.
 */
final class OpsgenieAnswers {

    record Data(Object data, double took, String requestId) {
    }

    record Result(String result, double took, String requestId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Error(String message, Map<String, String> errors, double took, String requestId) {
    }

    private OpsgenieAnswers() {
    }

    static Response data(int status, Object data, long startedNanos) {
        return json(status, new Data(data, took(startedNanos), requestId()));
    }

    static Response result(int status, String result, long startedNanos) {
        return json(status, new Result(result, took(startedNanos), requestId()));
    }

    static Response error(int status, String message, long startedNanos) {
        return json(status, new Error(message, null, took(startedNanos), requestId()));
    }

    /** 422, Opsgenie's answer to semantic errors in a body, naming each field. */
    static Response unprocessable(Map<String, String> errors, long startedNanos) {
        return json(422, new Error(
                "Request body is not processable. Please check the errors.", errors, took(startedNanos), requestId()));
    }

    private static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    private static double took(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1e6) / 1000.0;
    }

    private static String requestId() {
        return UUID.randomUUID().toString();
    }
}
