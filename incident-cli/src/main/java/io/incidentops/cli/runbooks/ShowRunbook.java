package io.incidentops.cli.runbooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.cli.command.ServiceCommand;
import io.incidentops.cli.http.ServiceClient;
import io.incidentops.cli.output.Table;
import io.incidentops.cli.output.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code runbooks show NAME}: the executor's {@code GET /api/runbooks/{name}}: when it applies, its steps. */
@Command(name = "show", description = "Show a runbook: when it applies and its steps.")
public class ShowRunbook extends ServiceCommand {

    @Parameters(paramLabel = "NAME", description = "runbook name, e.g. service_down")
    String name;

    @Override
    protected JsonNode run() {
        return executor().get("/api/runbooks/" + ServiceClient.segment(name.trim()));
    }

    @Override
    protected void render(JsonNode r, PrintWriter out) {
        out.println(Text.safe(r.path("name").asText()) + " " + Text.safe(r.path("version").asText(null)) + "  "
                + Text.safe(r.path("title").asText(null)) + (r.path("fallback").asBoolean() ? "  (fallback)" : ""));
        String description = r.path("description").asText(null);
        if (description != null) {
            out.println(Text.safeLines(description));
        }
        List<String> matches = new ArrayList<>();
        r.path("matches").forEach(m -> matches.add(match(m)));
        if (!matches.isEmpty()) {
            out.println("Applies to: " + String.join("; or ", matches));
        }
        out.println();
        Table steps = Table.of("#", "KIND", "ACTION", "STEP").limit(3, 120);
        r.path("steps").forEach(s -> steps.row(s.path("step").asText(), s.path("kind").asText(null),
                s.path("action").asText(null), s.path("title").asText(null)));
        steps.print(out);
        if (!r.path("alternatives").isEmpty()) {
            out.println();
            out.println("If recovery fails, proposed in order:");
            r.path("alternatives").forEach(a -> out.println("  " + Text.safe(a.path("action").asText()) + ": "
                    + Text.safe(a.path("reason").asText(null))));
        }
        out.flush();
    }

    /** {@code types SERVICE_OUTAGE, keywords "down"}. */
    private static String match(JsonNode m) {
        List<String> parts = new ArrayList<>();
        if (!m.path("types").isEmpty()) {
            parts.add("types " + list(m.path("types")));
        }
        if (!m.path("keywords").isEmpty()) {
            parts.add("keywords " + list(m.path("keywords")));
        }
        if (m.path("dependency-down").asBoolean()) {
            parts.add("a dependency down");
        }
        return Text.safe(String.join(", ", parts));
    }

    private static String list(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return String.join("|", values);
    }
}
