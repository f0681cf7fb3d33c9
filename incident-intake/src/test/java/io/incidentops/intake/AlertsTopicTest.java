package io.incidentops.intake;

import io.incidentops.events.Topics;
import io.incidentops.intake.incident.Incident;
import io.incidentops.intake.incident.IncidentAlert;
import io.incidentops.intake.messaging.AlertMessages;
import io.incidentops.testsupport.KafkaTestClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.incidentops.intake.support.Fixtures.resource;
import static io.incidentops.testsupport.TestIds.unique;
import static io.incidentops.testsupport.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The alerts topic: both formats, poison records to alerts.dlq, and the consumer keeps going. */
@QuarkusTest
class AlertsTopicTest {

    private static final String MARKER = "[\"marker: not an alert\"]";

    private final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    AlertMessages messages;

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void poisonRecordsGoToTheDlqAndTheNextAlertIsStillDeclared() {
        String key = unique("poison");
        kafka.send(Topics.ALERTS, key, "{this is not json", Map.of());
        kafka.send(Topics.ALERTS, key, "{\"summary\":\"no service here\"}", Map.of());
        kafka.send(Topics.ALERTS, key, "{\"service\":\"s\",\"summary\":\"x\",\"severity\":\"apocalyptic\"}", Map.of());
        String service = unique("queue");
        kafka.send(Topics.ALERTS, key, "{\"service\":\"" + service + "\",\"summary\":\"Queue consumer down\",\"severity\":\"P2\"}",
                Map.of());
        // marker: one more poison record behind the valid alert; what reached the DLQ before it is all there is
        kafka.send(Topics.ALERTS, key, MARKER, Map.of());

        await().atMost(Duration.ofSeconds(30)).until(() -> incidentsOf(service) == 1);
        List<ConsumerRecord<String, String>> dead = kafka.awaitRecords(Topics.deadLetter(Topics.ALERTS),
                r -> key.equals(r.key()), l -> l.stream().anyMatch(r -> MARKER.equals(r.value())));
        assertThat(dead).hasSize(4); // the three poison records and the marker: the valid alert was not dead-lettered
        assertThat(dead.get(3).value()).isEqualTo(MARKER);
        assertThat(dead.get(0).value()).isEqualTo("{this is not json");
        assertThat(header(dead.get(0), "dead-letter-reason")).contains("not a valid alert");
        assertThat(header(dead.get(1), "dead-letter-reason")).contains("service");
        assertThat(header(dead.get(2), "dead-letter-reason")).contains("severity");
        assertThat(header(dead.get(0), "dead-letter-topic")).isEqualTo(Topics.ALERTS);
    }

    @Test
    void alertmanagerPayloadsOnTheTopicDeclareToo() {
        String service = unique("topic-am");
        kafka.send(Topics.ALERTS, service, resource("/alertmanager/checkout-outage.json",
                Map.of("SERVICE", service, "FP", unique("fp"), "STARTS_AT", Instant.now().toString())), Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> incidentsOf(service) == 2);
    }

    /**
     * A poll large enough to be parsed in parallel: every valid record applied once, each poison one dead-lettered
     * with its reason, and records submitted in their order (an alert's resolved notice, the poll's last record,
     * after its firing one, the first).
     */
    @Test
    void aLargePollIsParsedInParallelAndAppliedInRecordOrder() {
        String key = unique("large-poll");
        String service = unique("poll");
        List<Integer> poison = List.of(10, 75, 140);
        List<ConsumerRecord<String, String>> poll = new ArrayList<>();
        int size = 150;
        for (int n = 0; n < size; n++) {
            String value;
            if (poison.contains(n)) value = "{broken " + n;
            else if (n == size - 1) value = alertmanagerRecord(service, 0, "resolved");
            else value = alertmanagerRecord(service, n, "firing");
            poll.add(new ConsumerRecord<>(Topics.ALERTS, 0, n, key, value));
        }

        messages.process(poll);

        List<IncidentAlert> alerts = QuarkusTransaction.requiringNew().call(() -> IncidentAlert.<IncidentAlert>list(
                "dedupKey like ?1", "kafka/" + service + "-fp-%"));
        assertThat(alerts).hasSize(size - poison.size() - 1); // the last record re-states the first alert
        assertThat(alerts).filteredOn(a -> a.dedupKey.equals("kafka/" + service + "-fp-0")).singleElement()
                .satisfies(a -> assertThat(a.status).isEqualTo(IncidentAlert.RESOLVED));
        assertThat(alerts).filteredOn(a -> !a.dedupKey.equals("kafka/" + service + "-fp-0"))
                .allSatisfy(a -> assertThat(a.status).isEqualTo(IncidentAlert.FIRING));
        List<ConsumerRecord<String, String>> dead = kafka.awaitRecords(Topics.deadLetter(Topics.ALERTS),
                r -> key.equals(r.key()), l -> l.size() >= poison.size());
        assertThat(dead).extracting(ConsumerRecord::value).containsExactly("{broken 10", "{broken 75", "{broken 140");
        assertThat(dead).allSatisfy(r -> assertThat(header(r, "dead-letter-reason")).contains("not a valid alert"));
    }

    /** A record choosing an incident ID that exists is dead-lettered alone; the records around it are applied. */
    @Test
    void aTakenIncidentIdDeadLettersItsRecordOnly() {
        String key = unique("taken-id");
        String service = unique("ids");
        String id = "INC-20240301-" + (100000000 + (int) (Math.random() * 800000000)); // a valid, past, unused day's ID
        String choosing = "{\"service\":\"" + service + "-chosen\",\"summary\":\"Chosen ID\",\"incidentId\":\"" + id
                + "\"}";
        messages.process(List.of(new ConsumerRecord<>(Topics.ALERTS, 0, 0, key, choosing)));
        assertThat(incidentsOf(service + "-chosen")).isEqualTo(1);

        List<ConsumerRecord<String, String>> poll = new ArrayList<>();
        for (int n = 0; n < 100; n++) {
            // another group's alert claiming the same ID (one of the same group would join the incident)
            String value = n == 50 ? choosing.replace("Chosen ID", "Chosen again").replace("-chosen", "-claims")
                    : alertmanagerRecord(service, n, "firing");
            poll.add(new ConsumerRecord<>(Topics.ALERTS, 0, 1 + n, key, value));
        }
        messages.process(poll);

        assertThat(QuarkusTransaction.requiringNew().call(() -> IncidentAlert.count("dedupKey like ?1",
                "kafka/" + service + "-fp-%"))).isEqualTo(99);
        messages.process(List.of(new ConsumerRecord<>(Topics.ALERTS, 0, 101, key, MARKER))); // dead-lettered last
        List<ConsumerRecord<String, String>> dead = kafka.awaitRecords(Topics.deadLetter(Topics.ALERTS),
                r -> key.equals(r.key()), l -> l.stream().anyMatch(r -> MARKER.equals(r.value())));
        assertThat(dead).filteredOn(r -> !MARKER.equals(r.value())).singleElement().satisfies(r -> {
            assertThat(r.value()).contains("Chosen again");
            assertThat(header(r, "dead-letter-reason")).contains(id + " already exists");
        });
    }

    private static String alertmanagerRecord(String service, int n, String status) {
        return """
                {"version":"4","status":"%2$s","receiver":"incidentops","alerts":[{"status":"%2$s",
                 "labels":{"alertname":"QueueBacklog","service":"%1$s","instance":"i-%3$d","severity":"warning"},
                 "annotations":{"summary":"Queue backlog on i-%3$d"},"fingerprint":"%1$s-fp-%3$d",
                 "startsAt":"%4$s","endsAt":"0001-01-01T00:00:00Z"}]}""".formatted(service, status, n, Instant.now());
    }

    private static long incidentsOf(String service) {
        return QuarkusTransaction.requiringNew().call(() -> Incident.count("service", service));
    }
}
