package io.incidentops.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.cli.IncidentOps;
import io.incidentops.cli.support.Environment;
import io.incidentops.local.DemoTeam;
import io.incidentops.local.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code incidentops} command line against the packaged services of the shared local stack ({@link SharedStack}):
 * run in this JVM through picocli, configured by a config file as {@code incidentops login} writes it, its output
 * captured. One incident from the alert the CLI sends to its resolution.
 */
@ExtendWith(SharedStack.class)
class CliEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Environment environment;

    record Run(int exitCode, String out, String err) {
        JsonNode json() throws IOException {
            return JSON.readTree(out);
        }
    }

    @BeforeAll
    static void configureTheCliForTheStack() throws IOException {
        LocalStack stack = SharedStack.stack();
        String token = stack.infra().security().token("carol", Set.of("viewer", "responder", "commander", "admin"),
                Duration.ofHours(1));
        Path config = SharedStack.targetDir().resolve("cli-" + UUID.randomUUID() + "/config");
        Files.createDirectories(config.getParent());
        Files.writeString(config, String.join("\n",
                "INTAKE_URL=" + stack.url("incident-intake"),
                "EXECUTOR_URL=" + stack.url("runbook-executor"),
                "COMMS_URL=" + stack.url("comms-service"),
                "REPORTER_URL=" + stack.url("metrics-reporter"),
                "CONSOLE_URL=" + stack.url("incident-console"),
                "TOKEN=" + token,
                "INTEGRATION_KEY=" + stack.infra().integrationKey(), ""));
        // the config file only: neither this JVM's environment nor the home directory
        environment = new Environment(Map.of("INCIDENTOPS_CONFIG", config.toString()), config.getParent(),
                question -> null);
    }

    @Test
    void alertToResolutionFromTheCommandLine() throws IOException {
        String service = "cli-" + UUID.randomUUID().toString().substring(0, 8);

        // an alert declares an incident
        Run sent = cli("alerts", "send", "--service", service, "--summary", "Payments API returns 503",
                "--severity", "P2", "--dedup-key", service + "-503", "--description", "sent by the CLI test", "--json");
        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(sent.json().path("outcome").asText()).isEqualTo("declared");
        String id = sent.json().path("incidentId").asText();
        assertThat(id).matches("INC-\\d{8}-\\d{3,}");

        // the open incidents list it, as JSON and as a table
        await().atMost(Duration.ofSeconds(30)).until(() -> ids(cli("incidents", "list", "--service", service, "--json")),
                ids -> ids.contains(id));
        Run table = cli("incidents", "list", "--service", service);
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).startsWith("ID").contains(id, service, "Payments API returns 503");

        // a responder acknowledges; show tells who and when
        Run ack = cli("incidents", "ack", id);
        assertThat(ack.exitCode()).as(ack.err()).isZero();
        assertThat(ack.out()).contains(id + ": acknowledged by carol");
        JsonNode shown = cli("incidents", "show", id, "--json").json();
        assertThat(shown.path("acknowledgedBy").asText()).isEqualTo("carol");
        assertThat(shown.path("acknowledgedAt").isTextual()).isTrue();
        Run details = cli("incidents", "show", id);
        assertThat(details.out()).contains(id + "  Payments API returns 503", "acknowledged", "by carol", service);

        // who is on call: the stack's demo team
        Run oncall = cli("oncall", "now", "--schedule", DemoTeam.SCHEDULE);
        assertThat(oncall.exitCode()).as(oncall.err()).isZero();
        assertThat(oncall.out()).contains("Alex Rivera", DemoTeam.ON_CALL_USER);
        assertThat(cli("oncall", "now", "--json").json().path("oncalls").findValuesAsText("id"))
                .contains(DemoTeam.ON_CALL_USER);

        // the runbook catalogue
        Run runbooks = cli("runbooks", "list");
        assertThat(runbooks.exitCode()).as(runbooks.err()).isZero();
        assertThat(runbooks.out()).contains("service_down", "generic");
        assertThat(cli("runbooks", "show", "service_down", "--json").json().path("steps").size()).isPositive();

        // tail follows the console's live events of the incident: a severity change made meanwhile shows up in it.
        // Nothing tells when tail's stream is open, so the severity goes back and forth until tail printed an event.
        CompletableFuture<Run> tail = CompletableFuture.supplyAsync(
                () -> cli("tail", "--incident", id, "--limit", "1", "--json"));
        String[] severities = {"P3", "P2"};
        int[] changes = {0};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            if (!tail.isDone()) {
                Run change = cli("incidents", "severity", id, severities[changes[0]++ % 2], "--reason", "tail check");
                assertThat(change.exitCode()).as(change.err()).isZero();
            }
            return tail.isDone();
        });
        Run followed = tail.join();
        assertThat(followed.exitCode()).as(followed.err()).isZero();
        JsonNode event = followed.json();
        assertThat(event.path("incidentId").asText()).isEqualTo(id);
        assertThat(event.path("type").asText()).isNotBlank();

        // the commander resolves it
        Run resolved = cli("incidents", "resolve", id, "--root-cause", "connection pool exhausted");
        assertThat(resolved.exitCode()).as(resolved.err()).isZero();
        assertThat(resolved.out()).contains(id + ": resolved. Status RESOLVED");
        shown = cli("incidents", "show", id, "--json").json();
        assertThat(shown.path("status").asText()).isEqualTo("RESOLVED");
        assertThat(shown.path("rootCause").asText()).isEqualTo("connection pool exhausted");
        assertThat(ids(cli("incidents", "list", "--service", service, "--json"))).doesNotContain(id);
        assertThat(ids(cli("incidents", "list", "--service", service, "--all", "--json"))).contains(id);

        // refusals: the service's problem on stderr, an exit code per kind
        Run again = cli("incidents", "resolve", id, "--root-cause", "twice");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("409", "already resolved");
        Run missing = cli("incidents", "show", "INC-19990101-999");
        assertThat(missing.exitCode()).isEqualTo(4);
        assertThat(missing.err()).contains("404", "INC-19990101-999");
    }

    private static List<String> ids(Run list) throws IOException {
        assertThat(list.exitCode()).as(list.err()).isZero();
        List<String> ids = new ArrayList<>();
        list.json().path("items").forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = IncidentOps.execute(environment, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }
}
