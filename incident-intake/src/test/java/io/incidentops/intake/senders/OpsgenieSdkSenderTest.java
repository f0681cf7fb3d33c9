package io.incidentops.intake.senders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.testsupport.InfraTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.Map;

import static io.incidentops.intake.senders.IntakeState.awaitAlertStatus;
import static io.incidentops.intake.senders.IntakeState.awaitIncident;
import static io.incidentops.intake.senders.IntakeState.eventually;
import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.testsupport.TestIds.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Opsgenie's own Node.js client, {@code opsgenie-sdk} 0.5.1, pointed at intake with its {@code host} setting:
 * {@code alertV2.create} ({@code POST /v2/alerts/}), {@code acknowledge} and {@code close} by alias
 * ({@code POST /v2/alerts/<alias>/acknowledge/?identifierType=alias}: the SDK adds the trailing slashes), and a
 * heartbeat created and pinged ({@code POST /v2/heartbeats/}, {@code GET /v2/heartbeats/<name>/ping}), all with
 * {@code Authorization: GenieKey <key>}. The client must report success (no error, Opsgenie's {@code requestId}),
 * intake must have stored the effect. Runs only with {@code -Dsenders=true}: it needs node and npm.
 */
@QuarkusTest
@TestProfile(SendersProfile.class)
@EnabledIfSystemProperty(named = "senders", matches = "true")
class OpsgenieSdkSenderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL intake;

    @BeforeAll
    static void installClients() throws IOException {
        NodeSenders.install();
    }

    @Test
    void createAcknowledgeClose() throws IOException {
        String alias = unique("og-ledger");
        String service = unique("og-ledger");
        // the fields of Opsgenie's "Create Alert" request (docs.opsgenie.com alert-api, and the SDK's samples)
        JsonNode created = call("create", Map.of("data", Map.of("message", "Ledger writes failing", "alias", alias,
                "description", "Writes to the ledger fail for 5 minutes", "entity", service,
                "details", Map.of("service", service), "tags", List.of("ledger", "prod"), "priority", "P2",
                "source", "opsgenie-sdk")));
        // Opsgenie answers 202 {result: "Request will be processed", took, requestId}
        assertThat(created.path("response").path("requestId").asText()).as(created.toString()).isNotBlank();
        String id = awaitIncident("dedupKey == 'local/" + alias + "'", created::toString);
        as("viewer").get("/api/incidents/" + id).then().body("title", equalTo("Ledger writes failing"))
                .body("alertCount", equalTo(1));

        Map<String, Object> byAlias = Map.of("identifier", alias, "identifierType", "alias");
        JsonNode acknowledged = call("acknowledge", Map.of("identifier", byAlias,
                "data", Map.of("user", "ana@example.com", "source", "opsgenie-sdk", "note", "on it")));
        assertThat(acknowledged.path("response").path("requestId").asText()).as(acknowledged.toString()).isNotBlank();
        eventually(() -> as("viewer").get("/api/incidents/" + id).then().body("acknowledgedAt", notNullValue()),
                acknowledged::toString);

        JsonNode closed = call("close", Map.of("identifier", byAlias,
                "data", Map.of("user", "ana@example.com", "source", "opsgenie-sdk", "note", "fixed")));
        assertThat(closed.path("response").path("requestId").asText()).as(closed.toString()).isNotBlank();
        awaitAlertStatus(id, "resolved", closed::toString);
    }

    @Test
    void heartbeatCreatedAndPinged() throws IOException {
        String name = unique("og-nightly-backup");
        // Opsgenie's "Add Heartbeat" request: name, interval, intervalUnit, enabled (heartbeat-api docs)
        JsonNode created = call("heartbeat-create", Map.of("data", Map.of("name", name, "description", "nightly backup",
                "interval", 10, "intervalUnit", "minutes", "enabled", true)));
        assertThat(created.path("response").path("data").path("name").asText()).as(created.toString()).isEqualTo(name);

        JsonNode pinged = call("heartbeat-ping", Map.of("identifier", Map.of("identifier", name)));
        // Opsgenie answers 202 {result: "PONG - Heartbeat received", took, requestId}
        assertThat(pinged.path("response").path("result").asText()).as(pinged.toString())
                .isEqualTo("PONG - Heartbeat received");
        // the ping is stored (Opsgenie processes pings asynchronously): the heartbeat, read back through the same
        // client, has a lastPingTime and is not expired
        eventually(() -> {
            JsonNode heartbeat = uncheckedCall("heartbeat-get", Map.of("identifier", Map.of("identifier", name)))
                    .path("response").path("data");
            assertThat(heartbeat.path("lastPingTime").asText()).as(heartbeat.toString()).isNotBlank();
            assertThat(heartbeat.path("expired").isBoolean() && !heartbeat.path("expired").asBoolean())
                    .as(heartbeat.toString()).isTrue();
        }, pinged::toString);
    }

    private JsonNode uncheckedCall(String call, Map<String, Object> arguments) {
        try {
            return call(call, arguments);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs one call of the SDK; returns what it handed its callback: {@code {error, response}}. */
    private JsonNode call(String call, Map<String, Object> arguments) throws IOException {
        NodeSenders.Result result = NodeSenders.run("opsgenie.js",
                Map.of("OPSGENIE_HOST", intake.toString().replaceAll("/$", ""),
                        "OPSGENIE_API_KEY", InfraTestResource.integrationKey()),
                call, JSON.writeValueAsString(arguments));
        assertThat(result.succeeded()).as("opsgenie-sdk %s: %s (log %s)", call, result.stdout(), result.log()).isTrue();
        return JSON.readTree(result.stdout());
    }
}
