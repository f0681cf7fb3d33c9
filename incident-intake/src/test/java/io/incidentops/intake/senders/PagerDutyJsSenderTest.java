package io.incidentops.intake.senders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.events.Topics;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.KafkaTestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.net.URL;
import java.time.Instant;
import java.util.Map;

import static io.incidentops.intake.senders.IntakeState.awaitAlertStatus;
import static io.incidentops.intake.senders.IntakeState.awaitIncident;
import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.testsupport.TestIds.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * PagerDuty's own JavaScript client, {@code @pagerduty/pdjs} 2.2.4, sending Events API v2 trigger, acknowledge and
 * resolve to {@code POST /v2/enqueue} and a change event to {@code POST /v2/change/enqueue}, over HTTPS (pdjs knows no
 * other scheme) with the {@code server} option it documents for other regions. The client must report success, and
 * intake must have stored the effect. Runs only with {@code -Dsenders=true}: it needs node and npm.
 */
@QuarkusTest
@TestProfile(SendersProfile.class)
@EnabledIfSystemProperty(named = "senders", matches = "true")
class PagerDutyJsSenderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaTestClient kafka;

    @TestHTTPResource(value = "/", tls = true)
    URL intakeTls;

    @BeforeAll
    static void installClients() throws IOException {
        NodeSenders.install();
        kafka = new KafkaTestClient();
    }

    @AfterAll
    static void closeKafka() {
        if (kafka != null) kafka.close();
    }

    @Test
    void triggerAcknowledgeResolve() throws IOException {
        String dedupKey = unique("pdjs");
        String component = unique("pdjs-pay-gw");
        JsonNode triggered = send("trigger", Map.of("dedup_key", dedupKey,
                "payload", Map.of("summary", "Stripe webhook deliveries failing", "source", "pay-gw-01.prod",
                        "severity", "error", "component", component, "group", "payments")));
        // PagerDuty's answer to an accepted event (developer-docs events-API-v2, "Response")
        assertThat(triggered.path("status").asInt()).isEqualTo(202);
        assertThat(triggered.path("data").path("status").asText()).isEqualTo("success");
        assertThat(triggered.path("data").path("dedup_key").asText()).isEqualTo(dedupKey);
        String id = awaitIncident("service == '" + component + "'", () -> triggered.toString());
        as("viewer").get("/api/incidents/" + id).then().body("dedupKey", equalTo("local/" + dedupKey))
                .body("severity", equalTo("P1")).body("title", equalTo("Stripe webhook deliveries failing"));

        JsonNode acknowledged = send("acknowledge", Map.of("dedup_key", dedupKey));
        assertThat(acknowledged.path("status").asInt()).as(acknowledged.toString()).isEqualTo(202);
        as("viewer").get("/api/incidents/" + id).then().body("status", equalTo("INVESTIGATING"))
                .body("acknowledgedBy", equalTo("pagerduty:local"));

        JsonNode resolved = send("resolve", Map.of("dedup_key", dedupKey));
        assertThat(resolved.path("status").asInt()).as(resolved.toString()).isEqualTo(202);
        awaitAlertStatus(id, "resolved", resolved::toString);
    }

    @Test
    void changeEventReachesTheDeploymentsTopic() throws IOException {
        String service = unique("pdjs-checkout");
        String summary = "Build 4711 of " + service + " deployed";
        // the shape pdjs' README shows for change()
        JsonNode changed = send("change", Map.of("payload", Map.of("summary", summary, "source", "ci.example.com",
                        "timestamp", Instant.now().toString(),
                        "custom_details", Map.of("service", service, "build_state", "passed")),
                "links", java.util.List.of(Map.of("href", "https://ci.example.com/builds/4711", "text", "Build 4711"))));
        assertThat(changed.path("status").asInt()).as(changed.toString()).isEqualTo(202);
        assertThat(changed.path("data").path("status").asText()).isEqualTo("success");
        // intake forwards change events to the deployments topic (shared/ARCHITECTURE.md, "Topics"); whichever field
        // the record names the service or change by, it carries this event's unique service name
        assertThat(kafka.awaitRecords(Topics.DEPLOYMENTS, r -> r.value() != null && r.value().contains(service),
                records -> !records.isEmpty())).hasSize(1);
    }

    /** Runs pdjs with one event; returns what pdjs resolved with: {@code {status, data}}. */
    private JsonNode send(String action, Map<String, Object> data) throws IOException {
        NodeSenders.Result result = NodeSenders.run("pdjs-event.js",
                Map.of("PD_SERVER", intakeTls.getHost() + ":" + intakeTls.getPort(),
                        "PD_ROUTING_KEY", InfraTestResource.integrationKey()),
                action, JSON.writeValueAsString(data));
        assertThat(result.succeeded()).as("pdjs %s: %s (log %s)", action, result.stdout(), result.log()).isTrue();
        return JSON.readTree(result.stdout());
    }
}
