package io.incidentops.cli.incidents;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.cli.command.ServiceCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Map;

/** {@code incidents reopen ID --reason TEXT}: intake's {@code POST /api/incidents/{id}/reopen}. */
@Command(name = "reopen", description = "Reopen a resolved incident (commander, admin); its people are paged again.")
public class ReopenIncident extends ServiceCommand {

    @Parameters(paramLabel = "ID", description = "incident ID")
    String id;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why it is not over")
    String reason;

    @Override
    protected JsonNode run() {
        return intake().post(IncidentPath.of(id, "reopen"), Map.of("reason", reason));
    }

    @Override
    protected void render(JsonNode answer, PrintWriter out) {
        IncidentText.outcome(out, answer, "reopened");
    }
}
