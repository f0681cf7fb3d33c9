package io.incidentops.e2e;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.incidentops.events.EventType;
import io.incidentops.local.LocalStack;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One critical alert through the whole workflow, across the four packaged services running as separate processes
 * (started the way deploy/local starts them, {@link SharedStack}) over a real Kafka broker and PostgreSQL. A WireMock
 * server plays the affected service (its health endpoint), the mitigation action endpoint and the stakeholder chat
 * webhook.
 */
@ExtendWith(SharedStack.class)
class IncidentLifecycleEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final List<String> SERVICES = List.of("incident-intake", "runbook-executor", "comms-service",
            "metrics-reporter");
    private static WireMockServer peer;
    private static LocalStack stack;
    private static String token;

    @BeforeAll
    static void useSharedStack() {
        stack = SharedStack.stack();
        peer = SharedStack.peer();
        token = stack.infra().security().token("alice", Set.of("viewer", "responder", "commander", "admin"),
                Duration.ofHours(1));
    }

    @Test
    void everyServiceRunsAsTheNonRootUserOfTheManifestsWhenTheTestRunsAsRoot() throws IOException {
        assumeTrue(SharedStack.uidOf(ProcessHandle.current().pid()) == 0, "not root: the services run as this user");
        for (String service : SERVICES) {
            assertThat(SharedStack.uidOf(stack.processOf(service).pid())).as(service + "'s uid")
                    .isEqualTo(SharedStack.SERVICE_UID);
        }
    }

    @Test
    void theExecutorAndTheReporterYieldTheCpuToTheAlertPath() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/nice")) || Files.isExecutable(Path.of("/bin/nice")),
                "no nice: every service runs at the launcher's priority");
        Map<String, Integer> expected = Map.of("incident-intake", 0, "runbook-executor", 10, "comms-service", 0,
                "metrics-reporter", 10);
        for (String service : SERVICES) {
            // field 19 of /proc/<pid>/stat, the 17th after the command's closing parenthesis
            String stat = Files.readString(Path.of("/proc", String.valueOf(stack.processOf(service).pid()), "stat"));
            int nice = Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
            assertThat(nice).as(service + "'s niceness").isEqualTo(expected.get(service));
        }
    }

    @Test
    void criticalAlertGoesFromDeclarationToReport() throws IOException {
        Instant startsAt = Instant.now().minus(3, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        String fingerprint = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String payload = resource("alertmanager-checkout-down.json")
                .replace("${STARTS_AT}", startsAt.toString())
                .replace("${FINGERPRINT}", fingerprint);

        // 1. Alertmanager fires the same critical alert twice: one incident, not two (the first in a caller's trace)
        String alertTrace = UUID.randomUUID().toString().replace("-", "");
        JsonPath first = fireAlertmanager(payload, "00-" + alertTrace + "-" + alertTrace.substring(0, 16) + "-01");
        JsonPath second = fireAlertmanager(payload, null);
        assertThat(first.getInt("declared")).isEqualTo(1);
        assertThat(second.getInt("attached")).isEqualTo(1);
        String id = first.getString("results[0].incidentId");
        assertThat(second.getString("results[0].incidentId")).isEqualTo(id);
        assertThat(id).matches("INC-\\d{8}-\\d{3,}");

        JsonPath incident = intake().get("/api/incidents/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(incident.getString("severity")).isEqualTo("P1");   // critical, no complete-outage signal
        assertThat(incident.getString("type")).isEqualTo("SERVICE_OUTAGE"); // "down"
        assertThat(Instant.parse(incident.getString("startedAt"))).isEqualTo(startsAt);
        Instant detectedAt = Instant.parse(incident.getString("detectedAt"));

        // 2. The public status page shows it, investigating
        await().atMost(PATIENCE).until(() -> statusPageIncidentStatus(id, "/api/v2/incidents/unresolved.json"),
                "investigating"::equals);

        // 3. A responder acknowledges
        intake().contentType(ContentType.JSON).body("{\"responder\":\"alice\"}")
                .post("/api/incidents/" + id + "/acknowledge").then().statusCode(200);

        // 4. The runbook was picked and started (404 until the executor has learned of the incident)
        await().atMost(PATIENCE).ignoreExceptions().until(() -> executor().get("/api/incidents/" + id + "/runbook-runs")
                .then().statusCode(200).extract().jsonPath().getList("runbook"), runs -> !runs.isEmpty());

        // 5. Mitigation: roll back checkout through the configured action endpoint
        executor().contentType(ContentType.JSON)
                .body("{\"action\":\"ROLLBACK\",\"target\":\"checkout\",\"parameters\":{\"toVersion\":\"1.4.1\"},"
                        + "\"reason\":\"bad deploy 1.4.2\"}")
                .post("/api/incidents/" + id + "/mitigations").then().statusCode(201);
        peer.verify(postRequestedFor(urlPathEqualTo("/actions/default")));

        // 6. Recovery verifies after the stability window; intake resolves the incident
        await().atMost(PATIENCE).until(() -> intake().get("/api/incidents/" + id).then().extract()
                .jsonPath().getString("status"), "RESOLVED"::equals);
        incident = intake().get("/api/incidents/" + id).then().statusCode(200).extract().jsonPath();
        Instant acknowledgedAt = Instant.parse(incident.getString("acknowledgedAt"));
        Instant mitigatedAt = Instant.parse(incident.getString("mitigatedAt"));
        Instant resolvedAt = Instant.parse(incident.getString("resolvedAt"));
        assertThat(detectedAt).isBefore(acknowledgedAt);
        assertThat(acknowledgedAt).isBefore(mitigatedAt);
        assertThat(mitigatedAt).isBefore(resolvedAt);

        // 7. Status page: resolved
        await().atMost(PATIENCE).until(() -> statusPageIncidentStatus(id, "/api/v2/incidents.json"),
                "resolved"::equals);

        // 8. Timeline holds every step in order
        await().atMost(PATIENCE).until(() -> reporter().get("/api/incidents/" + id + "/timeline").then()
                .extract().jsonPath().getList("entries.type", String.class), types -> types.contains("incident.resolved"));
        List<String> types = reporter().get("/api/incidents/" + id + "/timeline").then().statusCode(200)
                .extract().jsonPath().getList("entries.type", String.class);
        assertThat(types).containsSubsequence("incident.declared", "incident.escalated",
                "incident.responders-paged", "incident.commander-assigned", "incident.war-room-opened",
                "incident.acknowledged", "mitigation.applied", "recovery.verified", "incident.resolved");
        // the repeat is summarised (one incident.alert-activity per interval), not announced delivery by delivery
        assertThat(types).contains("diagnostics.collected", "runbook.started", "comms.status-page-updated",
                "incident.alert-activity").doesNotContain("incident.alert-attached");

        // 9. MTTR equals the durations between the timestamps of this incident
        await().atMost(PATIENCE).until(() -> reporter().get("/api/incidents/" + id + "/mttr").statusCode() == 200);
        JsonPath mttr = reporter().get("/api/incidents/" + id + "/mttr").then().extract().jsonPath();
        assertThat(mttr.getLong("phases.detection.seconds")).isEqualTo(Duration.between(startsAt, detectedAt).toSeconds());
        assertThat(mttr.getLong("phases.response.seconds")).isEqualTo(Duration.between(detectedAt, acknowledgedAt).toSeconds());
        assertThat(mttr.getLong("phases.mitigation.seconds")).isEqualTo(Duration.between(acknowledgedAt, mitigatedAt).toSeconds());
        assertThat(mttr.getLong("phases.resolution.seconds")).isEqualTo(Duration.between(mitigatedAt, resolvedAt).toSeconds());
        assertThat(mttr.getLong("phases.total.seconds")).isEqualTo(Duration.between(startsAt, resolvedAt).toSeconds());

        // 10. The report file exists with every section; so does the PIR (P1: required within 48 h)
        Path report = stack.reportsDir().resolve("incident-" + id + "-" + resolvedAt.toString().substring(0, 10) + ".md");
        await().atMost(PATIENCE).until(() -> Files.exists(report));
        String markdown = Files.readString(report);
        assertThat(markdown).contains("# Incident Report: " + id, "**Severity:** P1", "## Summary", "## Timeline",
                "## Customer Impact", "## Root Cause", "## Mitigation", "## Metrics", "## Runbook Used",
                "## Responders");
        // the report's MTTR block shows the same durations, in its human format
        assertThat(markdown).contains(
                "Detection Time:   " + human(Duration.between(startsAt, detectedAt)),
                "Response Time:    " + human(Duration.between(detectedAt, acknowledgedAt)),
                "Mitigation Time:  " + human(Duration.between(acknowledgedAt, mitigatedAt)),
                "Resolution Time:  " + human(Duration.between(mitigatedAt, resolvedAt)),
                "Total MTTR:       " + human(Duration.between(startsAt, resolvedAt)));
        reporter().get("/api/incidents/" + id + "/pir").then().statusCode(200);

        // 11. One alert, one trace: the services' reactions to the declaration continue the trace of the alert
        // request (W3C traceparent in the Kafka headers, kept in each outbox row)
        assertOneTraceFromAlertThroughServices(id, alertTrace);
    }

    private void assertOneTraceFromAlertThroughServices(String incidentId, String alertTrace) {
        List<ConsumerRecord<String, String>> records = incidentEvents(incidentId);
        String declarationTrace = records.stream()
                .filter(r -> EventType.INCIDENT_DECLARED.ceType().equals(header(r, "ce_type")))
                .map(r -> traceId(header(r, "traceparent"))).findFirst().orElse(null);
        assertThat(declarationTrace).as("incident.declared continues the alert request's trace").isEqualTo(alertTrace);
        Map<String, Set<String>> typesInTraceBySource = new TreeMap<>();
        records.stream().filter(r -> declarationTrace.equals(traceId(header(r, "traceparent"))))
                .forEach(r -> typesInTraceBySource.computeIfAbsent(header(r, "ce_source"), k -> new TreeSet<>())
                        .add(header(r, "ce_type")));
        assertThat(typesInTraceBySource).as("events in the declaration's trace, by service")
                .containsKey("/incidentops/incident-intake");
        assertThat(typesInTraceBySource.keySet().stream().filter(source -> List.of("/incidentops/runbook-executor",
                        "/incidentops/comms-service", "/incidentops/metrics-reporter").contains(source)))
                .as("services that continued the declaration's trace: %s", typesInTraceBySource)
                .hasSizeGreaterThanOrEqualTo(2);
    }

    /** Every record of the incident on incident-events (all of them are there: the workflow has finished). */
    private static List<ConsumerRecord<String, String>> incidentEvents(String incidentId) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.infra().bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor("incident-events").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (incidentId.equals(r.key())) found.add(r);
                });
            }
        }
        return found;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The trace ID of a W3C traceparent ({@code 00-<trace id>-<span id>-<flags>}); null without one. */
    private static String traceId(String traceparent) {
        return traceparent == null ? null : traceparent.split("-")[1];
    }

    /** "3m 2s", "45s", "1h 0m 5s": how the report writes durations (whole seconds). */
    private static String human(Duration d) {
        long s = d.toSeconds();
        if (s >= 3600) return (s / 3600) + "h " + (s % 3600 / 60) + "m " + (s % 60) + "s";
        if (s >= 60) return (s / 60) + "m " + (s % 60) + "s";
        return s + "s";
    }

    /**
     * Posts the webhook as Alertmanager does, asking to be answered once the alert is applied
     * ({@code Prefer: return=representation}); returns intake's summary (declared/attached counts, incident IDs).
     */
    private JsonPath fireAlertmanager(String payload, String traceparent) {
        RequestSpecification request = given().baseUri(stack.url("incident-intake"));
        if (traceparent != null) request = request.header("traceparent", traceparent);
        JsonPath summary = request
                .header("Authorization", "Bearer " + stack.infra().integrationKey())
                .header("Prefer", "return=representation")
                .contentType(ContentType.JSON).body(payload)
                .post("/api/integrations/alertmanager").then().statusCode(200).extract().jsonPath();
        assertThat(summary.getInt("received")).isEqualTo(1);
        return summary;
    }

    private String statusPageIncidentStatus(String incidentId, String path) {
        return given().baseUri(stack.url("comms-service")).get(path).then().statusCode(200).extract().jsonPath()
                .getString("incidents.find { it.name.contains('Checkout') }.status");
    }

    private RequestSpecification intake() {
        return given().baseUri(stack.url("incident-intake")).auth().oauth2(token);
    }

    private RequestSpecification executor() {
        return given().baseUri(stack.url("runbook-executor")).auth().oauth2(token);
    }

    private RequestSpecification reporter() {
        return given().baseUri(stack.url("metrics-reporter")).auth().oauth2(token);
    }

    private static String resource(String name) throws IOException {
        try (var in = IncidentLifecycleEndToEndTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
