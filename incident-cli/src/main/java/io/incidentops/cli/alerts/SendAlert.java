package io.incidentops.cli.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.cli.command.ServiceCommand;
import io.incidentops.cli.config.CliConfig;
import io.incidentops.cli.http.ServiceClient;
import io.incidentops.cli.output.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code alerts send}: intake's generic alert endpoint ({@code POST /api/alerts}), authenticated with an integration
 * key rather than a person's token. Intake declares an incident or attaches the alert to an open one.
 */
@Command(name = "send", description = "Send one alert (POST /api/alerts with the integration key).")
public class SendAlert extends ServiceCommand {

    @Option(names = "--service", required = true, description = "the affected service, e.g. checkout")
    String service;

    @Option(names = "--summary", required = true, description = "one line: what is wrong")
    String summary;

    @Option(names = "--severity", required = true, paramLabel = "SEVERITY",
            description = "P0..P4, or critical, error, warning, info")
    String severity;

    @Option(names = "--dedup-key", paramLabel = "KEY",
            description = "repeats with the same key join one incident (default: service + summary)")
    String dedupKey;

    @Option(names = "--description", paramLabel = "TEXT", description = "details")
    String description;

    @Option(names = "--label", paramLabel = "NAME=VALUE", description = "a label (repeatable)")
    Map<String, String> labels;

    @Option(names = "--integration-key", paramLabel = "KEY",
            description = "intake integration key (INTEGRATION_KEY; prefer it or the config file: options show in ps)")
    String integrationKey;

    @Override
    protected Map<String, String> connectionOverrides() {
        Map<String, String> values = super.connectionOverrides();
        values.put(CliConfig.INTEGRATION_KEY, integrationKey);
        return values;
    }

    @Override
    protected JsonNode run() {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("service", service);
        alert.put("summary", summary);
        alert.put("severity", severity);
        if (dedupKey != null) {
            alert.put("fingerprint", dedupKey);
        }
        if (description != null) {
            alert.put("description", description);
        }
        if (labels != null && !labels.isEmpty()) {
            alert.put("labels", labels);
        }
        String url = config().require(CliConfig.INTAKE_URL, "--intake-url");
        String key = config().require(CliConfig.INTEGRATION_KEY, "--integration-key");
        return new ServiceClient("intake", url, key).post("/api/alerts", alert);
    }

    @Override
    protected void render(JsonNode answer, PrintWriter out) {
        out.println(Text.safe(answer.path("outcome").asText("accepted")) + " " + Text.safe(answer.path("incidentId").asText())
                + " (dedup key " + Text.safe(answer.path("dedupKey").asText(null)) + ")");
    }
}
