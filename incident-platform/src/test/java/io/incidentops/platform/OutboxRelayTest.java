package io.incidentops.platform;

import io.incidentops.testsupport.TestIds;
import io.incidentops.events.EventType;
import io.incidentops.events.Topics;
import io.incidentops.events.intake.IncidentAcknowledged;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.platform.outbox.Outbox;
import io.incidentops.platform.outbox.OutboxRelay;
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
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class OutboxRelayTest {

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
