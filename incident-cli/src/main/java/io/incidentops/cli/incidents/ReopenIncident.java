package io.incidentops.cli.incidents;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code incidents reopen ID --reason TEXT}: intake's {@code POST /api/incidents/{id}/reopen}. */
@Command(name = "reopen", description = "Reopen a resolved incident (commander, admin); its people are paged again.")
public class ReopenIncident extends IncidentAction {

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why it is not over")
    String reason;

    public ReopenIncident() {
        super("reopen", "reopened");
    }

    @Override
    protected Map<String, String> body() {
        return fields("reason", reason);
    }
}
