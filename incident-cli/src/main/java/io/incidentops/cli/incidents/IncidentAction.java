package io.incidentops.cli.incidents;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.cli.command.ServiceCommand;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A lifecycle action on one incident: {@code POST /api/incidents/{id}/<action>} on intake, which answers with the
 * incident as it now is; prints one line saying what happened and where the incident stands.
 */
abstract class IncidentAction extends ServiceCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "incident ID, e.g. INC-20261204-001")
    String id;

    private final String action;
    private final String done;

    /**
     * @param action the last path segment: {@code acknowledge}, {@code resolve}...
     * @param done   what happened, as the printed line says it ("resolved")
     */
    protected IncidentAction(String action, String done) {
        this.action = action;
        this.done = done;
    }

    /** The request body. */
    protected abstract Map<String, String> body();

    /** What happened, as the printed line says it; the incident may tell more (who acknowledged). */
    protected String done(JsonNode incident) {
        return done;
    }

    @Override
    protected final JsonNode run() {
        return intake().post(IncidentPath.of(id, action), body());
    }

    @Override
    protected final void render(JsonNode incident, PrintWriter out) {
        IncidentText.outcome(out, incident, done(incident));
    }

    /** A body of these name/value pairs, those without a value left out (the service's defaults apply). */
    static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> body = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value != null && !value.isBlank()) {
                body.put(namesAndValues[i], value);
            }
        }
        return body;
    }
}
