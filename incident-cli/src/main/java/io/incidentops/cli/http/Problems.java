package io.incidentops.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.cli.output.Json;
import io.incidentops.cli.output.Text;
import io.incidentops.cli.support.CliException;
import io.incidentops.cli.support.ExitCodes;

/** Turns a service's error answer (an RFC 7807 problem body, or anything else) into the message the user reads. */
public final class Problems {

    private static final int MAX_RAW = 300;

    private Problems() {
    }

    public static CliException failure(String service, int status, String body) {
        StringBuilder message = new StringBuilder(service).append(" answered ").append(status);
        JsonNode problem = parse(body);
        if (problem != null && (problem.hasNonNull("title") || problem.hasNonNull("detail"))) {
            if (problem.hasNonNull("title")) {
                message.append(' ').append(Text.safe(problem.get("title").asText()));
            }
            if (problem.hasNonNull("detail")) {
                message.append(": ").append(Text.safe(problem.get("detail").asText()));
            }
            for (JsonNode error : problem.path("errors")) {
                message.append("\n  ").append(Text.safe(error.path("field").asText("?"))).append(": ")
                        .append(Text.safe(error.path("message").asText("")));
            }
        } else if (body != null && !body.isBlank()) {
            String raw = body.strip();
            message.append(": ").append(Text.safe(raw.length() > MAX_RAW ? raw.substring(0, MAX_RAW) + "…" : raw));
        }
        if (status == 401) {
            message.append("\n(check the token: `incidentops login` stores a new one)");
        }
        return new CliException(ExitCodes.forStatus(status), message.toString());
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
