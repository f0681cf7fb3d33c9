package io.incidentops.intake;

import io.incidentops.testsupport.TestIds;
import io.incidentops.events.Topics;
import io.incidentops.intake.incident.Incident;
import io.incidentops.testsupport.KafkaTestClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
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

    private static long incidentsOf(String service) {
        return QuarkusTransaction.requiringNew().call(() -> Incident.count("service", service));
    }
}
