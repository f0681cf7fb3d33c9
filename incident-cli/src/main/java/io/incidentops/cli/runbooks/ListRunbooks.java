package io.incidentops.cli.runbooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.cli.command.ServiceCommand;
import io.incidentops.cli.output.Table;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code runbooks list}: the executor's {@code GET /api/runbooks}. */
@Command(name = "list", aliases = "ls", description = "List the runbooks.")
public class ListRunbooks extends ServiceCommand {

    @Override
    protected JsonNode run() {
        return executor().get("/api/runbooks");
    }

    @Override
    protected void render(JsonNode answer, PrintWriter out) {
        Table table = Table.of("NAME", "VERSION", "STEPS", "TITLE");
        answer.forEach(r -> table.row(r.path("name").asText(), r.path("version").asText(null),
                r.path("stepCount").asText(null), r.path("title").asText(null)));
        if (table.isEmpty()) {
            out.println("No runbooks.");
        } else {
            table.print(out);
        }
    }
}
