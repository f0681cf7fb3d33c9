package io.incidentops.platform;

import io.incidentops.testsupport.TestIds;
import io.incidentops.events.EventType;
import io.incidentops.events.Topics;
import io.incidentops.events.intake.IncidentAcknowledged;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.platform.outbox.Outbox;
import io.incidentops.platform.outbox.OutboxRelay;
import io.incidentops.platform.testapp.TestAppTokens;
import io.incidentops.testsupport.KafkaTestClient;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.incidentops.testsupport.KafkaTestClient.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class OutboxRelayTest {

    private static final String SET_ASIDE = "/api/admin/outbox/set-aside";

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    EntityManager entityManager;

    @Inject
    AgroalDataSource dataSource;

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void tearDown() {
        relay.resume();
        kafka.close();
    }

    @Test
    void committedEventIsSentAsBinaryCloudEventKeyedByIncident() {
        String incident = TestIds.newIncidentId();
        Instant at = Instant.parse("2026-11-26T10:15:30Z");
        UUID id = QuarkusTransaction.requiringNew().call(() ->
                outbox.publish(new IncidentAcknowledged(incident, "alice", at)));

        ConsumerRecord<String, String> record = kafka.awaitRecords(Topics.INCIDENT_EVENTS,
                r -> id.toString().equals(header(r, "ce_id")), l -> !l.isEmpty()).get(0);

        assertThat(record.key()).isEqualTo(incident);
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_type")).isEqualTo(EventType.INCIDENT_ACKNOWLEDGED.ceType());
        assertThat(header(record, "ce_subject")).isEqualTo(incident);
        assertThat(header(record, "ce_source")).isEqualTo("/incidentops/platform-test");
        assertThat(header(record, "ce_time")).isNotBlank();
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(record.value()).contains("\"responder\":\"alice\"").contains("\"acknowledgedAt\":\"2026-11-26T10:15:30Z\"");
        assertThat(outboxRows(id)).isZero();
    }

    @Test
    void rolledBackTransactionLeavesNoEvent() {
        String incident = TestIds.newIncidentId();
        UUID[] id = new UUID[1];
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            id[0] = outbox.publish(new IncidentAcknowledged(incident, "alice", Instant.now()));
            throw new IllegalStateException("the state change failed");
        })).hasMessageContaining("the state change failed");

        // a marker committed afterwards for the same incident (same key, same partition): once it is on the topic,
        // anything the rolled-back transaction had let out would be there before it
        UUID marker = QuarkusTransaction.requiringNew().call(() ->
                outbox.publish(new IncidentAcknowledged(incident, "marker", Instant.now())));
        kafka.awaitRecords(Topics.INCIDENT_EVENTS, r -> marker.toString().equals(header(r, "ce_id")), l -> !l.isEmpty());

        assertThat(kafka.readAll(Topics.INCIDENT_EVENTS, r -> incident.equals(r.key())))
                .extracting(r -> header(r, "ce_id"))
                .as("only the marker: the rolled-back event never left")
                .containsExactly(marker.toString());
        assertThat(outboxRows(id[0])).isZero();
    }

    @Test
    void publishingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.publish(new IncidentAcknowledged(TestIds.newIncidentId(), "alice", Instant.now())))
                .hasMessageContaining("Transaction");
    }

    @Test
    void crashBetweenCommitAndSendLosesNothingAndSendsOnce() {
        relay.pause(); // the relay "dies" after the commit and before sending
        String incident = TestIds.newIncidentId();
        UUID id = QuarkusTransaction.requiringNew().call(() ->
                outbox.publish(new IncidentAcknowledged(incident, "bob", Instant.now())));
        assertThat(outboxRows(id)).as("committed and waiting in the outbox").isEqualTo(1);
        assertThat(kafka.readAll(Topics.INCIDENT_EVENTS, r -> id.toString().equals(header(r, "ce_id"))))
                .as("nothing sent while the relay is down").isEmpty();

        relay.resume(); // restart: the relay recovers what was committed

        kafka.awaitRecords(Topics.INCIDENT_EVENTS, r -> id.toString().equals(header(r, "ce_id")), l -> !l.isEmpty());
        List<ConsumerRecord<String, String>> copies =
                kafka.readAll(Topics.INCIDENT_EVENTS, r -> id.toString().equals(header(r, "ce_id")));
        assertThat(copies).hasSize(1);
        assertThat(outboxRows(id)).isZero();
    }

    @Test
    void relaysTakeTurnsWithTheirOwnReplicasOnlyNotWithOtherServicesSharingTheDatabase() throws Exception {
        String incident = TestIds.newIncidentId();
        try (Connection neighbour = dataSource.getConnection()) {
            neighbour.setAutoCommit(false);
            try (Statement st = neighbour.createStatement()) {
                st.execute("CREATE SCHEMA IF NOT EXISTS relay_neighbour");
                st.execute("SET LOCAL search_path TO relay_neighbour");
                st.execute(OutboxRelay.RELAY_LOCK); // another service's relay, stuck waiting for its broker
            }
            UUID id = QuarkusTransaction.requiringNew().call(() ->
                    outbox.publish(new IncidentAcknowledged(incident, "carol", Instant.now())));
            kafka.awaitRecords(Topics.INCIDENT_EVENTS, r -> id.toString().equals(header(r, "ce_id")), l -> !l.isEmpty());
            neighbour.rollback();
        }

        try (Connection replica = dataSource.getConnection()) { // this service's schema: a replica's relay
            replica.setAutoCommit(false);
            try (Statement st = replica.createStatement()) {
                st.execute(OutboxRelay.RELAY_LOCK);
            }
            UUID id = QuarkusTransaction.requiringNew().call(() ->
                    outbox.publish(new IncidentAcknowledged(incident, "dave", Instant.now())));
            relay.wakeUp();
            await().atMost(Duration.ofSeconds(10)).until(this::relayWaitsForItsTurn);
            assertThat(outboxRows(id)).as("the replica holds the relay's turn").isEqualTo(1);
            replica.rollback();
            kafka.awaitRecords(Topics.INCIDENT_EVENTS, r -> id.toString().equals(header(r, "ce_id")), l -> !l.isEmpty());
        }
    }

    @Test
    void anIncidentsEventsWaitWhileAnotherRelayIsSendingThatIncidentAndOtherIncidentsFlow() {
        String busy = TestIds.newIncidentId();
        String other = TestIds.newIncidentId();
        relay.pause();
        UUID first = QuarkusTransaction.requiringNew().call(() ->
                outbox.publish(new IncidentAcknowledged(busy, "first", Instant.now())));
        // another replica's relay claimed the incident's first event and is still waiting for the broker
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "UPDATE outbox_event SET claim_token = gen_random_uuid(), claimed_until = now() + interval '1 hour' "
                                + "WHERE id = :id")
                .setParameter("id", first).executeUpdate());
        UUID second = QuarkusTransaction.requiringNew().call(() ->
                outbox.publish(new IncidentAcknowledged(busy, "second", Instant.now())));
        UUID unrelated = QuarkusTransaction.requiringNew().call(() ->
                outbox.publish(new IncidentAcknowledged(other, "third", Instant.now())));
        relay.resume();

        kafka.awaitRecords(Topics.INCIDENT_EVENTS, r -> unrelated.toString().equals(header(r, "ce_id")), l -> !l.isEmpty());
        relay.wakeUp();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> outboxRows(second) == 1);
        assertThat(kafka.readAll(Topics.INCIDENT_EVENTS, r -> busy.equals(r.key())))
                .as("nothing of the incident overtakes the event the other relay holds").isEmpty();

        // the other relay died: its lease ends and this one sends both, in order
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "UPDATE outbox_event SET claimed_until = now() - interval '1 second' WHERE id = :id")
                .setParameter("id", first).executeUpdate());
        relay.wakeUp();
        List<ConsumerRecord<String, String>> sent = kafka.awaitRecords(Topics.INCIDENT_EVENTS,
                r -> busy.equals(r.key()), l -> l.size() >= 2);
        assertThat(sent).extracting(r -> header(r, "ce_id")).containsExactly(first.toString(), second.toString());
    }

    @Test
    void aRowTheBrokerRefusesForGoodIsSetAsideWithItsReasonAndTheRestFlows() {
        String incident = TestIds.newIncidentId();
        relay.pause();
        UUID tooLarge = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        INSERT INTO outbox_event (id, type, subject, payload, created_at)
                        VALUES (:id, 'io.incidentops.test.huge', :subject, repeat('x', 2000000), now())""")
                .setParameter("id", tooLarge).setParameter("subject", incident).executeUpdate());
        UUID next = QuarkusTransaction.requiringNew().call(() ->
                outbox.publish(new IncidentAcknowledged(incident, "after-the-huge-one", Instant.now())));
        relay.resume();

        kafka.awaitRecords(Topics.INCIDENT_EVENTS, r -> next.toString().equals(header(r, "ce_id")), l -> !l.isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> setAsideAt(tooLarge) != null);
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager.createNativeQuery(
                "SELECT attempts, last_error FROM outbox_event WHERE id = :id").setParameter("id", tooLarge)
                .getSingleResult());
        assertThat(((Number) row[0]).intValue()).as("tried as often as configured").isEqualTo(3);
        assertThat((String) row[1]).contains("RecordTooLargeException");

        relay.wakeUp();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> ((Number) QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "SELECT attempts FROM outbox_event WHERE id = :id").setParameter("id", tooLarge)
                        .getSingleResult())).intValue() == 3);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("(?m)^incidentops_outbox_set_aside(\\{[^}]*})? 1\\.0$");
        given().get("/q/health/group/pipeline").then().statusCode(503)
                .body("checks.find { it.name == 'outbox' }.data.'set-aside'", org.hamcrest.Matchers.equalTo(1));
        given().get("/q/health/live").then().statusCode(200); // one refused record does not fail the producer


        // an admin sees it, sends it again (still too large: set aside again), then drops it
        String admin = TestAppTokens.token("admin-user", "admin");
        given().auth().oauth2(TestAppTokens.token("r-user", "responder")).get(SET_ASIDE).then().statusCode(403);
        given().auth().oauth2(admin).get(SET_ASIDE).then().statusCode(200)
                .body("find { it.id == '" + tooLarge + "' }.attempts", org.hamcrest.Matchers.equalTo(3))
                .body("find { it.id == '" + tooLarge + "' }.lastError",
                        org.hamcrest.Matchers.containsString("RecordTooLargeException"))
                .body("find { it.id == '" + tooLarge + "' }.subject", org.hamcrest.Matchers.equalTo(incident));
        given().auth().oauth2(admin).post(SET_ASIDE + "/" + tooLarge + "/retry").then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> setAsideAt(tooLarge) != null);
        given().auth().oauth2(admin).delete(SET_ASIDE + "/" + tooLarge).then().statusCode(204);
        given().auth().oauth2(admin).delete(SET_ASIDE + "/" + tooLarge).then().statusCode(404);
        assertThat(outboxRows(tooLarge)).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/q/health/group/pipeline").then().statusCode(200));
    }

    private Object setAsideAt(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "SELECT set_aside_at FROM outbox_event WHERE id = :id").setParameter("id", id).getSingleResult());
    }

    private boolean relayWaitsForItsTurn() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'")
                .getSingleResult()).longValue() > 0);
    }

    private long outboxRows(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM outbox_event WHERE id = :id")
                .setParameter("id", id).getSingleResult()).longValue());
    }

}
