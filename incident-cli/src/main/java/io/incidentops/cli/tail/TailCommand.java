package io.incidentops.cli.tail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.cli.command.ConnectionOptions;
import io.incidentops.cli.config.CliConfig;
import io.incidentops.cli.config.ConfigLoader;
import io.incidentops.cli.http.ServiceClient;
import io.incidentops.cli.output.Json;
import io.incidentops.cli.output.Text;
import io.incidentops.cli.support.Environment;
import io.incidentops.cli.support.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;

/**
 * {@code tail}: follows the console's {@code /events} stream (every incident event as it happens) and prints one line
 * per event, or the event's JSON per line with {@code --json}. Runs until interrupted (Ctrl-C) or {@code --limit}.
 */
@Command(name = "tail", description = "Follow incident events live (the console's /events stream); reconnects by itself.")
public class TailCommand implements Callable<Integer> {

    /** Three keep-alives (15 s apart) missed: the connection is dead even if TCP has not noticed. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(50);
    private static final int SUMMARY_MAX = 120;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--incident", paramLabel = "ID", description = "only this incident's events")
    String incident;

    @Option(names = "--json", description = "one JSON document per event and line (the stream's data)")
    boolean json;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "stop after N events (default: follow until interrupted)")
    long limit;

    @Override
    public Integer call() {
        Environment env = ((Environment.Holder) spec.root().userObject()).environment();
        CliConfig config = ConfigLoader.load(env, connection.asConfig());
        String base = config.require(CliConfig.CONSOLE_URL, "--console-url");
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        URI uri = URI.create(base + "/events" + (incident == null ? "" : "?incident=" + ServiceClient.segment(incident.trim())));
        PrintWriter out = spec.commandLine().getOut();
        new EventStream(uri, config.token(), spec.commandLine().getErr(), IDLE_TIMEOUT).follow(event -> {
            out.println(json ? jsonLine(event) : line(event));
            out.flush();
        }, limit);
        return ExitCodes.OK;
    }

    /** The event's data as one line of JSON (a data field that is not JSON is passed on as a JSON string). */
    static String jsonLine(ServerSentEvent event) {
        try {
            return Json.COMPACT.writeValueAsString(Json.COMPACT.readTree(event.data()));
        } catch (JsonProcessingException e) {
            try {
                return Json.COMPACT.writeValueAsString(event.data());
            } catch (JsonProcessingException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    /** {@code 2026-12-04 12:00:01Z  INC-20261204-001  incident.declared  severity=P1 title=Checkout down}. */
    static String line(ServerSentEvent event) {
        JsonNode message;
        try {
            message = Json.COMPACT.readTree(event.data());
        } catch (JsonProcessingException e) {
            return Text.safe(event.event()) + "  " + Text.cut(Text.safe(event.data()), SUMMARY_MAX);
        }
        String type = message.path("type").asText(event.event());
        return Text.time(message.path("time").asText(null)) + "  " + Text.safe(message.path("incidentId").asText(null))
                + "  " + Text.safe(shortType(type)) + "  " + summary(message.path("data"));
    }

    /** {@code io.incidentops.incident.declared.v1} → {@code incident.declared}. */
    static String shortType(String type) {
        return type.replaceFirst("^io\\.incidentops\\.", "").replaceFirst("\\.v\\d+$", "");
    }

    /** The event data's plain fields as {@code name=value}, the incident ID left out (it has its own column). */
    private static String summary(JsonNode data) {
        StringJoiner joiner = new StringJoiner(" ");
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isValueNode() && !field.getValue().isNull() && !field.getKey().equals("incidentId")) {
                joiner.add(field.getKey() + "=" + field.getValue().asText());
            }
        }
        return Text.cut(Text.safe(joiner.toString()), SUMMARY_MAX);
    }
}
