package io.incidentops.cli.incidents;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.cli.command.ServiceCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code incidents show ID}: intake's {@code GET /api/incidents/{id}}. */
@Command(name = "show", description = "Show one incident.")
public class ShowIncident extends ServiceCommand {

    @Parameters(paramLabel = "ID", description = "incident ID, e.g. INC-20261204-001")
    String id;

    @Override
    protected JsonNode run() {
        return intake().get(IncidentPath.of(id));
    }

    @Override
    protected void render(JsonNode answer, PrintWriter out) {
        IncidentText.details(out, answer);
    }
}
