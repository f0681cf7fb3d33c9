package io.incidentops.cli.incidents;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code incidents ack ID}: intake's {@code POST /api/incidents/{id}/acknowledge}; a repeat changes nothing. */
@Command(name = "ack", aliases = "acknowledge", description = "Acknowledge an incident (you are engaged).")
public class AcknowledgeIncident extends IncidentAction {

    @Option(names = "--as", paramLabel = "RESPONDER", description = "who engaged (default: the token's user)")
    String responder;

    public AcknowledgeIncident() {
        super("acknowledge", "acknowledged");
    }

    @Override
    protected Map<String, String> body() {
        return fields("responder", responder);
    }

    @Override
    protected String done(JsonNode incident) {
        String by = incident.path("acknowledgedBy").asText(null);
        return by == null ? "acknowledged" : "acknowledged by " + by;
    }
}
