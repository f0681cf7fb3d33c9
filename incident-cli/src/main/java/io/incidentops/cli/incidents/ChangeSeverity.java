package io.incidentops.cli.incidents;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.cli.command.ServiceCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/** {@code incidents severity ID P1 --reason TEXT}: intake's {@code POST /api/incidents/{id}/severity}. */
@Command(name = "severity", description = "Change an incident's severity (commander, admin).")
public class ChangeSeverity extends ServiceCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "incident ID")
    String id;

    @Parameters(index = "1", paramLabel = "SEVERITY", description = "P0 .. P4")
    String severity;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why (kept on the timeline)")
    String reason;

    @Override
    protected JsonNode run() {
        Map<String, String> body = new HashMap<>();
        body.put("severity", severity);
        if (reason != null) {
            body.put("reason", reason);
        }
        return intake().post(IncidentPath.of(id, "severity"), body);
    }

    @Override
    protected void render(JsonNode answer, PrintWriter out) {
        IncidentText.outcome(out, answer, "severity changed");
    }
}
