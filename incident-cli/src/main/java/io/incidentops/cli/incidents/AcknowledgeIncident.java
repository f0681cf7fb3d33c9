package io.incidentops.cli.incidents;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.cli.command.ServiceCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/** {@code incidents ack ID}: intake's {@code POST /api/incidents/{id}/acknowledge}; a repeat changes nothing. */
@Command(name = "ack", aliases = "acknowledge", description = "Acknowledge an incident (you are engaged).")
public class AcknowledgeIncident extends ServiceCommand {

    @Parameters(paramLabel = "ID", description = "incident ID")
    String id;

    @Option(names = "--as", paramLabel = "RESPONDER", description = "who engaged (default: the token's user)")
    String responder;

    @Override
    protected JsonNode run() {
        Map<String, String> body = new HashMap<>();
        if (responder != null && !responder.isBlank()) {
            body.put("responder", responder);
        }
        return intake().post(IncidentPath.of(id, "acknowledge"), body);
    }

    @Override
    protected void render(JsonNode answer, PrintWriter out) {
        String by = answer.path("acknowledgedBy").asText(null);
        IncidentText.outcome(out, answer, by == null ? "acknowledged" : "acknowledged by " + by);
    }
}
