package io.incidentops.platform;

import io.incidentops.testsupport.TestIds;
import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.Topics;
import io.incidentops.events.intake.IncidentAcknowledged;
import io.incidentops.testsupport.KafkaTestClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.incidentops.platform.testapp.TestAppTokens;
import io.incidentops.platform.testapp.TestEventHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.incidentops.testsupport.KafkaTestClient.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class InboxAndDeadLetterTest {

    private static final String PATH = "/api/admin/dead-letters";

    @Inject
    EntityManager entityManager;

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    @Test
    void duplicateDeliveryHasOneEffect() {
        String incident = TestIds.newIncidentId();
        UUID id = UUID.randomUUID();
        String data = EventCodec.encode(new IncidentAcknowledged(incident, "alice", Instant.now()));

        kafka.send(Topics.INCIDENT_EVENTS, incident, data, ceHeaders(id, EventType.INCIDENT_ACKNOWLEDGED, incident));
        kafka.send(Topics.INCIDENT_EVENTS, incident, data, ceHeaders(id, EventType.INCIDENT_ACKNOWLEDGED, incident));
        UUID marker = sendGoodEvent(incident); // same key, same partition: processed after both copies

        await().atMost(Duration.ofSeconds(30)).until(() -> effects(marker) == 1);
        assertThat(effects(id)).isEqualTo(1);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheNextRecordIsProcessed() {
        String incident = TestIds.newIncidentId();
        UUID badJson = UUID.randomUUID();
        UUID unknownType = UUID.randomUUID();
        UUID missingField = UUID.randomUUID();
        kafka.send(Topics.INCIDENT_EVENTS, incident, "{not json",
                ceHeaders(badJson, EventType.INCIDENT_ACKNOWLEDGED, incident));
        Map<String, String> unknown = ceHeaders(unknownType, EventType.INCIDENT_ACKNOWLEDGED, incident);
        unknown.put("ce_type", "io.incidentops.incident.exploded.v1");
        kafka.send(Topics.INCIDENT_EVENTS, incident, "{\"incidentId\":\"" + incident + "\"}", unknown);
        kafka.send(Topics.INCIDENT_EVENTS, incident, "{\"responder\":\"alice\"}",
                ceHeaders(missingField, EventType.INCIDENT_ACKNOWLEDGED, incident));
        UUID good = sendGoodEvent(incident);

        await().atMost(Duration.ofSeconds(30)).until(() -> effects(good) == 1);
        List<ConsumerRecord<String, String>> dead = kafka.awaitRecords(Topics.deadLetter(Topics.INCIDENT_EVENTS),
                r -> incident.equals(r.key()), l -> l.size() == 3);

        assertThat(dead).extracting(r -> header(r, "ce_id"))
                .containsExactly(badJson.toString(), unknownType.toString(), missingField.toString());
        assertThat(header(dead.get(0), "dead-letter-reason")).contains("invalid IncidentAcknowledged data");
        assertThat(header(dead.get(1), "dead-letter-reason")).contains("unknown event type 'io.incidentops.incident.exploded.v1'");
        assertThat(header(dead.get(2), "dead-letter-reason")).contains("incidentId");
        assertThat(header(dead.get(0), "dead-letter-topic")).isEqualTo(Topics.INCIDENT_EVENTS);
        assertThat(dead.get(0).value()).isEqualTo("{not json");
        assertThat(effects(badJson) + effects(unknownType) + effects(missingField)).isZero();
    }

    @Test
    void eventsOfTypesTheHandlerIgnoresAreSkippedWithoutADecodeATransactionOrAnInboxRow() {
        String incident = TestIds.newIncidentId();
        UUID ignored = UUID.randomUUID();
        // not even valid data: an ignored type is never decoded, so it cannot be poison either
        kafka.send(Topics.INCIDENT_EVENTS, incident, "{not json", ceHeaders(ignored, EventType.PIR_SCHEDULED, incident));
        UUID marker = sendGoodEvent(incident);

        await().atMost(Duration.ofSeconds(30)).until(() -> effects(marker) == 1);
        assertThat(effects(ignored)).isZero();
        assertThat(inboxRows(ignored)).isZero();
        assertThat(inboxRows(marker)).isEqualTo(1);
        assertThat(kafka.readAll(Topics.deadLetter(Topics.INCIDENT_EVENTS),
                r -> ignored.toString().equals(header(r, "ce_id")))).isEmpty();
    }

    @Test
    void eventsPolledTogetherShareATransactionAndARepeatAmongThemHasNoEffect() {
        String incident = TestIds.newIncidentId();
        List<UUID> ids = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            records.add(KafkaTestClient.eventRecord(id, "/test", new IncidentAcknowledged(incident, "r" + i, Instant.now())));
        }
        records.add(records.get(3)); // the same event again, within the same poll
        kafka.sendTogether(records);

        await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream().allMatch(id -> effects(id) == 1));
        assertThat(effects(ids.get(3))).as("a repeat within one transaction").isEqualTo(1);
        assertThat(transactions(incident)).as("transactions for 10 events sent in one go").isLessThan(10);
    }

    @Test
    void anEventTheHandlerRefusesIsDeadLetteredAloneAndItsNeighboursTakeEffectOnce() {
        String incident = TestIds.newIncidentId();
        List<UUID> good = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        UUID refused = UUID.randomUUID();
        for (int i = 0; i < 7; i++) {
            UUID id = i == 3 ? refused : UUID.randomUUID();
            if (i != 3) good.add(id);
            String responder = i == 3 ? TestEventHandler.REFUSED_RESPONDER : "r" + i;
            records.add(KafkaTestClient.eventRecord(id, "/test", new IncidentAcknowledged(incident, responder, Instant.now())));
        }
        kafka.sendTogether(records);

        List<ConsumerRecord<String, String>> dead = kafka.awaitRecords(Topics.deadLetter(Topics.INCIDENT_EVENTS),
                r -> incident.equals(r.key()), l -> !l.isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> good.stream().allMatch(id -> effects(id) == 1));
        assertThat(dead).extracting(r -> header(r, "ce_id")).containsExactly(refused.toString());
        assertThat(header(dead.get(0), "dead-letter-reason")).contains("refuses acknowledgements");
        assertThat(effects(refused)).isZero();
        assertThat(good).allMatch(id -> effects(id) == 1);
    }

    /**
     * Database trouble is retried for as long as it lasts (the old limit was six retries: an event failing ten times
     * was dead-lettered), and the events behind it wait their turn; an unexpected failure is poison on the third try.
     */
    @Test
    void aTransientFailureIsRetriedBeyondAnyLimitAndAnUnexpectedOneIsPoisonOnTheThirdTry() {
        String incident = TestIds.newIncidentId();
        UUID flaky = UUID.randomUUID();
        UUID broken = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        kafka.sendTogether(List.of(
                KafkaTestClient.eventRecord(flaky, "/test", new IncidentAcknowledged(incident,
                        TestEventHandler.FLAKY_RESPONDER + "10", Instant.now())),
                KafkaTestClient.eventRecord(broken, "/test", new IncidentAcknowledged(incident,
                        TestEventHandler.BROKEN_RESPONDER, Instant.now())),
                KafkaTestClient.eventRecord(after, "/test", new IncidentAcknowledged(incident, "r1", Instant.now()))));

        await().atMost(Duration.ofSeconds(60)).until(() -> effects(after) == 1);
        assertThat(effects(flaky)).isEqualTo(1);
        assertThat(TestEventHandler.attempts(flaky)).as("ten failures, then the effect").isEqualTo(11);
        List<ConsumerRecord<String, String>> dead = kafka.awaitRecords(Topics.deadLetter(Topics.INCIDENT_EVENTS),
                r -> incident.equals(r.key()), l -> !l.isEmpty());
        assertThat(dead).extracting(r -> header(r, "ce_id")).containsExactly(broken.toString());
        assertThat(header(dead.get(0), "dead-letter-reason")).contains("failed 3 times")
                .contains("broken for " + TestEventHandler.BROKEN_RESPONDER);
        assertThat(effects(broken)).isZero();
    }

    /**
     * A record this service could never process is kept in its dead letters, where an admin sees it with its reason
     * and, after the fix, replays it: it then takes effect once.
     */
    @Test
    void aDeadLetterIsListedForAdminsCountedAndTakesEffectOnceWhenReplayedAfterTheFix() {
        String incident = TestIds.newIncidentId();
        UUID event = UUID.randomUUID();
        kafka.sendTogether(List.of(KafkaTestClient.eventRecord(event, "/test",
                new IncidentAcknowledged(incident, TestEventHandler.FIXABLE_RESPONDER, Instant.now()))));

        Map<String, Object> letter = await().atMost(Duration.ofSeconds(60)).until(() -> deadLetterOf(event), l -> l != null);
        assertThat(letter.get("topic")).isEqualTo(Topics.INCIDENT_EVENTS);
        assertThat(letter.get("key")).isEqualTo(incident);
        assertThat((String) letter.get("reason")).contains("failed 3 times").contains("has a bug");
        assertThat(letter.get("replayedAt")).isNull();
        String id = (String) letter.get("id");
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingGauge() >= 1);
        double waitingBefore = waitingGauge();

        given().get(PATH).then().statusCode(401);
        as("responder").get(PATH).then().statusCode(403);
        as("admin").get(PATH + "?state=sideways").then().statusCode(400)
                .contentType("application/problem+json");
        as("admin").get(PATH + "/" + UUID.randomUUID()).then().statusCode(404);
        as("admin").post(PATH + "/" + UUID.randomUUID() + "/replay").then().statusCode(404);

        TestEventHandler.fix(); // the new release
        as("admin").post(PATH + "/" + id + "/replay").then().statusCode(200)
                .body("replayedBy", equalTo("admin-user"));
        await().atMost(Duration.ofSeconds(30)).until(() -> effects(event) == 1);
        as("admin").post(PATH + "/" + id + "/replay").then().statusCode(409)
                .contentType("application/problem+json");

        assertThat(ids(as("admin").get(PATH + "?state=waiting&topic=" + Topics.INCIDENT_EVENTS))).doesNotContain(id);
        assertThat(ids(as("admin").get(PATH + "?state=replayed"))).contains(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingGauge() == waitingBefore - 1);
        assertThat(effects(event)).as("replayed once, processed once").isEqualTo(1);
    }

    private Map<String, Object> deadLetterOf(UUID event) {
        List<Map<String, Object>> letters = as("admin").get(PATH + "?topic=" + Topics.INCIDENT_EVENTS + "&limit=500")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return letters.stream().filter(l -> ((List<?>) l.get("headers")).stream()
                        .anyMatch(h -> h instanceof Map<?, ?> m && "ce_id".equals(m.get("name"))
                                && event.toString().equals(m.get("value"))))
                .findFirst().orElse(null);
    }

    private static List<String> ids(io.restassured.response.Response response) {
        JsonPath body = response.then().statusCode(200).extract().jsonPath();
        return body.getList("id");
    }

    private static double waitingGauge() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("incidentops_dead_letters_waiting{") && l.contains("topic=\"incident-events\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(TestAppTokens.token(role + "-user", role));
    }

    /** A record retried longer than {@code stuck-after} (1 s here) shows its stuck partition in the pipeline health. */
    @Test
    void aPartitionStuckBehindARetriedRecordShowsInThePipelineHealthUntilItMovesOn() {
        String incident = TestIds.newIncidentId();
        UUID flaky = UUID.randomUUID();
        kafka.sendTogether(List.of(KafkaTestClient.eventRecord(flaky, "/test", new IncidentAcknowledged(incident,
                TestEventHandler.FLAKY_RESPONDER + "30", Instant.now()))));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/group/pipeline").then()
                .statusCode(503)
                .body("checks.find { it.name == 'consumers' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'consumers' }.data.'oldest-topic'", equalTo(Topics.INCIDENT_EVENTS))
                .body("checks.find { it.name == 'consumers' }.data.'oldest-failure'",
                        org.hamcrest.Matchers.containsString("I/O error")));
        given().get("/q/health/ready").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("(?m)^incidentops_messaging_retrying_seconds(\\{[^}]*})? [1-9][0-9.E]*$");

        await().atMost(Duration.ofSeconds(60)).until(() -> effects(flaky) == 1);
        given().get("/q/health/group/pipeline").then()
                .body("checks.find { it.name == 'consumers' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'consumers' }.data.retrying", equalTo(0));
    }

    private long transactions(String incident) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(DISTINCT tx_id) FROM test_effect WHERE incident_id = :incident")
                .setParameter("incident", incident).getSingleResult()).longValue());
    }

    private long inboxRows(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id = :id")
                .setParameter("id", eventId).getSingleResult()).longValue());
    }

    private UUID sendGoodEvent(String incident) {
        UUID id = UUID.randomUUID();
        kafka.send(Topics.INCIDENT_EVENTS, incident,
                EventCodec.encode(new IncidentAcknowledged(incident, "marker", Instant.now())),
                ceHeaders(id, EventType.INCIDENT_ACKNOWLEDGED, incident));
        return id;
    }

    private long effects(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM test_effect WHERE event_id = :id")
                .setParameter("id", eventId).getSingleResult()).longValue());
    }

    static Map<String, String> ceHeaders(UUID id, EventType type, String subject) {
        return KafkaTestClient.cloudEventHeaders(id, type.ceType(), "/test", subject);
    }
}
