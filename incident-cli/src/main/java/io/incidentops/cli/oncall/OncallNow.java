package io.incidentops.cli.oncall;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.cli.command.ServiceCommand;
import io.incidentops.cli.output.Table;
import io.incidentops.cli.output.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/** {@code oncall now}: intake's {@code GET /api/oncalls}, one line per schedule with someone on call. */
@Command(name = "now", description = "Who is on call now, per schedule.")
public class OncallNow extends ServiceCommand {

    @Option(names = "--schedule", paramLabel = "ID", description = "only this schedule")
    String schedule;

    @Override
    protected JsonNode run() {
        Map<String, String> query = new HashMap<>();
        query.put("schedule", schedule);
        return intake().get("/api/oncalls", query);
    }

    @Override
    protected void render(JsonNode answer, PrintWriter out) {
        JsonNode oncalls = answer.path("oncalls");
        if (oncalls.isEmpty()) {
            out.println(schedule == null ? "Nobody is on call: no schedule has a shift now." : "Nobody is on call now.");
            return;
        }
        Table table = Table.of("SCHEDULE", "ON CALL", "USER ID", "SINCE", "UNTIL");
        oncalls.forEach(o -> table.row(o.path("schedule").path("summary").asText(null),
                o.path("user").path("summary").asText(null), o.path("user").path("id").asText(null),
                Text.time(o.path("start").asText(null)), Text.time(o.path("end").asText(null))));
        table.print(out);
    }
}
