package io.incidentops.intake.alerts.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The PagerDuty Events API v2 body rules every PagerDuty reader shares ({@code /v2/enqueue}, {@code /v2/change/enqueue},
 * PagerDuty records on the {@code alerts} topic).
 */
public final class PagerDutyBodies {

    /** PagerDuty's 400 body: {@code {status: "invalid event", message, errors[]}}. */
    public record Invalid(String status, String message, List<String> errors) {
    }

    private PagerDutyBodies() {
    }

    /** PagerDuty's text fields: an object or array there makes the event invalid, not the field absent. */
    public static void structured(JsonNode node, String prefix, List<String> fields, List<String> errors) {
        for (String field : fields) {
            if (node.path(field).isContainerNode()) errors.add("'" + prefix + field + "' must be a string");
        }
    }

    /** A text field's trimmed value; null when absent, null, blank or not a value. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !v.isValueNode()) return null;
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }

    public static Response invalid(List<String> errors) {
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(new Invalid("invalid event", "Event object is invalid", errors)).build();
    }
}
