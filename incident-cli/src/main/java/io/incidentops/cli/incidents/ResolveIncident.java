package io.incidentops.cli.incidents;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code incidents resolve ID --root-cause TEXT}: intake's {@code POST /api/incidents/{id}/resolve}. */
@Command(name = "resolve", description = "Resolve an incident, with its root cause (commander, admin).")
public class ResolveIncident extends IncidentAction {

    @Option(names = "--root-cause", required = true, paramLabel = "TEXT", description = "what caused it")
    String rootCause;

    @Override
    protected String action() {
        return "resolve";
    }

    @Override
    protected Map<String, String> body() {
        return fields("rootCause", rootCause);
    }

    @Override
    protected String done(JsonNode incident) {
        return "resolved";
    }
}
