package io.incidentops.cli.incidents;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code incidents resolve ID --root-cause TEXT}: intake's {@code POST /api/incidents/{id}/resolve}. */
@Command(name = "resolve", description = "Resolve an incident, with its root cause (commander, admin).")
public class ResolveIncident extends IncidentAction {

    @Option(names = "--root-cause", required = true, paramLabel = "TEXT", description = "what caused it")
    String rootCause;

    public ResolveIncident() {
        super("resolve", "resolved");
    }

    @Override
    protected Map<String, String> body() {
        return fields("rootCause", rootCause);
    }
}
