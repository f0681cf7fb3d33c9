package io.incidentops.cli.incidents;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;

/** {@code incidents severity ID P1 --reason TEXT}: intake's {@code POST /api/incidents/{id}/severity}. */
@Command(name = "severity", description = "Change an incident's severity (commander, admin).")
public class ChangeSeverity extends IncidentAction {

    @Parameters(index = "1", paramLabel = "SEVERITY", description = "P0 .. P4")
    String severity;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why (kept on the timeline)")
    String reason;

    public ChangeSeverity() {
        super("severity", "severity changed");
    }

    @Override
    protected Map<String, String> body() {
        return fields("severity", severity, "reason", reason);
    }
}
