package io.incidentops.cli.incidents;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.cli.command.ServiceCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Map;

/** {@code incidents resolve ID --root-cause TEXT}: intake's {@code POST /api/incidents/{id}/resolve}. */
@Command(name = "resolve", description = "Resolve an incident, with its root cause (commander, admin).")
public class ResolveIncident extends ServiceCommand {

    @Parameters(paramLabel = "ID", description = "incident ID")
    String id;

    @Option(names = "--root-cause", required = true, paramLabel = "TEXT", description = "what caused it")
    String rootCause;

    @Override
    protected JsonNode run() {
        return intake().post(IncidentPath.of(id, "resolve"), Map.of("rootCause", rootCause));
    }

    @Override
    protected void render(JsonNode answer, PrintWriter out) {
        IncidentText.outcome(out, answer, "resolved");
    }
}
