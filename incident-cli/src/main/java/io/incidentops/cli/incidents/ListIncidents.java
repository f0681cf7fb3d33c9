package io.incidentops.cli.incidents;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.cli.command.ServiceCommand;
import io.incidentops.cli.output.Table;
import io.incidentops.cli.output.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code incidents list}: intake's {@code GET /api/incidents}, open ones unless {@code --all}. */
@Command(name = "list", aliases = "ls", description = "List incidents (open ones unless --all).")
public class ListIncidents extends ServiceCommand {

    @Option(names = "--severity", paramLabel = "P0..P4", description = "only this severity")
    String severity;

    @Option(names = "--service", description = "only incidents of this service")
    String service;

    @Option(names = "--team", description = "only incidents of this team")
    String team;

    @Option(names = "--status", description = "only this status (DECLARED, INVESTIGATING, ..., RESOLVED)")
    String status;

    @Option(names = "--all", description = "resolved incidents too")
    boolean all;

    @Option(names = "--page", defaultValue = "0", description = "page number, from 0 (default: ${DEFAULT-VALUE})")
    int page;

    @Option(names = "--size", defaultValue = "50", description = "incidents per page, 1-100 (default: ${DEFAULT-VALUE})")
    int size;

    @Override
    protected JsonNode run() {
        Map<String, String> query = new LinkedHashMap<>();
        // a status filter names what it wants: RESOLVED would find nothing among open incidents
        query.put("open", String.valueOf(!all && status == null));
        query.put("severity", severity);
        query.put("service", service);
        query.put("team", team);
        query.put("status", status);
        query.put("page", String.valueOf(page));
        query.put("size", String.valueOf(size));
        return intake().get("/api/incidents", query);
    }

    @Override
    protected void render(JsonNode answer, PrintWriter out) {
        JsonNode items = answer.path("items");
        if (items.isEmpty()) {
            out.println(all || status != null ? "No incidents." : "No open incidents.");
            return;
        }
        Table table = Table.of("ID", "SEV", "STATUS", "SERVICE", "TEAM", "DETECTED", "TITLE");
        items.forEach(i -> table.row(i.path("id").asText(), i.path("severity").asText(), i.path("status").asText(),
                i.path("service").asText(null), i.path("team").asText(null), Text.time(i.path("detectedAt").asText(null)),
                i.path("title").asText(null)));
        table.print(out);
        long total = answer.path("total").asLong(items.size());
        if (total > items.size()) {
            out.printf("(%d of %d shown, page %d; --page and --size show more)%n", items.size(), total, page);
        }
    }
}
