package io.incidentops.cli.incidents;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.cli.command.ServiceCommand;
import io.incidentops.cli.output.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * {@code incidents update ID --status S --message TEXT}: a public update on the status page through comms
 * ({@code POST /api/incidents/{id}/updates}); {@code --preview} asks comms what customers would read and publishes
 * nothing.
 */
@Command(name = "update", description = "Post a public status-page update (commander, admin); --preview publishes nothing.")
public class PostUpdate extends ServiceCommand {

    @Parameters(paramLabel = "ID", description = "incident ID")
    String id;

    @Option(names = "--status", required = true, paramLabel = "STATUS",
            description = "investigating, identified, monitoring or resolved")
    String status;

    @Option(names = "--message", required = true, paramLabel = "TEXT", description = "what customers read")
    String message;

    @Option(names = "--preview", description = "show exactly what customers will read; publish nothing")
    boolean preview;

    @Override
    protected JsonNode run() {
        Map<String, String> body = Map.of("status", status.trim().toLowerCase(Locale.ROOT), "body", message);
        return comms().post(IncidentPath.of(id, preview ? "updates/preview" : "updates"), body);
    }

    @Override
    protected void render(JsonNode answer, PrintWriter out) {
        JsonNode update = preview ? answer : answer.path("update");
        out.println(preview ? "Preview, not published. Customers will read:" : "Published. Customers read:");
        out.println();
        out.println("  " + Text.safe(update.path("name").asText(null)) + " — " + capitalised(update.path("status").asText("")));
        Text.safeLines(update.path("body").asText(null)).lines().forEach(line -> out.println("  " + line));
        String link = update.path("shortlink").asText(null);
        if (link != null) {
            out.println();
            out.println("  " + Text.safe(link));
        }
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? "-" : Character.toUpperCase(s.charAt(0)) + Text.safe(s.substring(1));
    }
}
