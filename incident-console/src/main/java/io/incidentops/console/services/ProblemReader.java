package io.incidentops.console.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns a service's error response into a {@link ServiceRefusal} carrying the problem's detail, so a page can show
 * why the service refused (and pass a 403 on as 403). Registered on every client with the service's name.
 */
public abstract class ProblemReader implements ResponseExceptionMapper<ServiceRefusal> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 500;

    protected abstract String service();

    @Override
    public ServiceRefusal toThrowable(Response response) {
        return new ServiceRefusal(service(), response.getStatus(), detail(response));
    }

    private static String detail(Response response) {
        try {
            response.bufferEntity();
            String body = response.readEntity(String.class);
            if (body == null || body.isBlank()) return null;
            JsonNode problem = JSON.readTree(body);
            String detail = text(problem, "detail");
            if (detail == null) detail = text(problem, "title");
            if (problem.path("errors").isArray() && !problem.path("errors").isEmpty()) {
                JsonNode first = problem.path("errors").get(0);
                String field = text(first, "field");
                String message = text(first, "message");
                if (message != null) detail = (detail == null ? "" : detail + ": ") + (field == null ? "" : field + " ") + message;
            }
            return detail == null ? null : shorten(detail);
        } catch (RuntimeException | java.io.IOException e) {
            return null; // not a problem body: the status alone says what happened
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }

    private static String shorten(String s) {
        return s.length() <= MAX_DETAIL ? s : s.substring(0, MAX_DETAIL) + "…";
    }
}
