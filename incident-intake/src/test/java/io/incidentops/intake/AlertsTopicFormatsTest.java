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
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.incidentops.intake.support.Fixtures.resource;
import static io.incidentops.testsupport.KafkaTestClient.header;
import static io.incidentops.testsupport.TestIds.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every accepted format on the alerts topic, through the real broker: each declares (a PagerDuty trigger too, no
 * routing_key needed), acknowledgements and closes act on the incident, and a record with the fields of two formats
 * or of none is dead-lettered with a reason naming them. Fixtures: the HTTP tests' (Grafana's webhook_test.go,
 * Alertmanager's opsgenie.go create message, PagerDuty's Events API v2 trigger).
 */
@QuarkusTest
class AlertsTopicFormatsTest {

    private static final String MARKER = "[\"marker: not an alert\"]";

    private final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    AlertMessages messages;

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void everyFormatDeclaresAndActionsApply() {
        String key = unique("formats");
        String generic = unique("k-generic");
        String grafana = unique("k-grafana");
        String opsgenie = unique("k-opsgenie");
        String pagerDuty = unique("k-pd");
        String ogAlias = unique("k-og-alias");
        String pdKey = unique("k-pd-key");
        kafka.send(Topics.ALERTS, key, "{\"service\":\"" + generic + "\",\"summary\":\"Queue consumer down\"}", Map.of());
        kafka.send(Topics.ALERTS, key, resource("/grafana/firing.json", Map.of("SERVICE", grafana, "FP", unique("kfp"),
                "STARTS_AT", Instant.now().toString())), Map.of());
        kafka.send(Topics.ALERTS, key, resource("/opsgenie/create.json", Map.of("ALIAS", ogAlias, "SERVICE", opsgenie,
                "PRIORITY", "P2")), Map.of());
        kafka.send(Topics.ALERTS, key, pagerDutyTrigger(pdKey, pagerDuty), Map.of());
        // acknowledge and close in the same poll as the alerts they name, after them
        kafka.send(Topics.ALERTS, key, "{\"event_action\":\"acknowledge\",\"dedup_key\":\"" + pdKey + "\"}",
                Map.of(AlertMessages.INTEGRATION_HEADER, "pd-pipeline"));
        kafka.send(Topics.ALERTS, key, "{\"action\":\"close\",\"identifier\":\"" + ogAlias
                + "\",\"identifierType\":\"alias\",\"source\":\"pipeline\"}", Map.of());

        await().atMost(Duration.ofSeconds(30)).until(() -> incident(generic).isPresent()
                && incident(grafana).isPresent() && incident(opsgenie).isPresent() && incident(pagerDuty).isPresent());
        assertThat(incident(pagerDuty).get().severity.name()).isEqualTo("P1");
        assertThat(incident(opsgenie).get().severity.name()).isEqualTo("P2");
        assertThat(incident(grafana).get().description).contains("Dashboard: http://localhost/d/abcd?orgId=1");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(incident(pagerDuty).get().acknowledgedBy).isEqualTo("pagerduty:pd-pipeline");
            assertThat(alertStatus(ogAlias)).isEqualTo(IncidentAlert.RESOLVED);
        });
    }

    @Test
    void ambiguousAndUnknownRecordsAreDeadLetteredNamingTheCandidates() {
        String key = unique("formats-poison");
        kafka.send(Topics.ALERTS, key, "{\"summary\":\"x\",\"service\":\"s\",\"event_action\":\"trigger\"}", Map.of());
        kafka.send(Topics.ALERTS, key, "{\"message\":\"x\",\"summary\":\"y\",\"service\":\"s\"}", Map.of());
        kafka.send(Topics.ALERTS, key, "{\"title\":\"what is this\"}", Map.of());
        kafka.send(Topics.ALERTS, key, "{\"event_action\":\"trigger\",\"payload\":{\"summary\":\"x\"}}", Map.of());
        kafka.send(Topics.ALERTS, key, "{\"action\":\"close\",\"identifier\":\"a\",\"identifierType\":\"tiny\"}", Map.of());
        kafka.send(Topics.ALERTS, key, MARKER, Map.of());

        List<ConsumerRecord<String, String>> dead = kafka.awaitRecords(Topics.deadLetter(Topics.ALERTS),
                r -> key.equals(r.key()), l -> l.stream().anyMatch(r -> MARKER.equals(r.value())));
        assertThat(dead).hasSize(6);
        assertThat(header(dead.get(0), "dead-letter-reason")).contains("ambiguous")
                .contains("generic alert (summary)").contains("PagerDuty event (event_action)");
        assertThat(header(dead.get(1), "dead-letter-reason")).contains("ambiguous")
                .contains("generic alert (summary)").contains("Opsgenie create alert (message)");
        assertThat(header(dead.get(2), "dead-letter-reason")).contains("not an accepted alert format")
                .contains("Grafana webhook (alerts, version, orgId, message)");
        assertThat(header(dead.get(3), "dead-letter-reason")).contains("'payload.source' is missing or blank")
                .contains("'payload.severity' must be one of");
        assertThat(header(dead.get(4), "dead-letter-reason")).contains("identifierType");
    }

    @Test
    void aRecordBelongsToTheIntegrationItsHeaderNames() {
        String value = "{\"service\":\"" + unique("k-header") + "\",\"summary\":\"Disk full\"}";
        RecordHeaders headers = new RecordHeaders();
        headers.add(AlertMessages.INTEGRATION_HEADER, "grafana-prod".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, String> named = new ConsumerRecord<>(Topics.ALERTS, 0, 0, 0L, TimestampType.CREATE_TIME,
                0, 0, "k", value, headers, Optional.empty());
        AlertMessages.AlertRecord read = messages.read(named);
        assertThat(read.integration()).isEqualTo("grafana-prod");
        assertThat(read.format()).isEqualTo("generic");
        assertThat(read.alerts()).hasSize(1);
        assertThat(messages.read(new ConsumerRecord<>(Topics.ALERTS, 0, 1, "k", value)).integration()).isEqualTo("kafka");
    }

    /** PagerDuty's Events API v2 trigger (developer docs, "Send an Alert Event"), without routing_key. */
    private static String pagerDutyTrigger(String dedupKey, String component) {
        return """
                {"event_action":"trigger","dedup_key":"%s","payload":{"summary":"Stripe webhook deliveries failing",
                 "source":"pay-gw-01.prod","severity":"error","component":"%s","group":"payments","class":"webhook"}}"""
                .formatted(dedupKey, component);
    }

    private static Optional<Incident> incident(String service) {
        return QuarkusTransaction.requiringNew().call(() -> Incident.<Incident>find("service", service).firstResultOptional());
    }

    private static String alertStatus(String dedupKey) {
        return QuarkusTransaction.requiringNew().call(() -> IncidentAlert.<IncidentAlert>find("dedupKey", dedupKey)
                .firstResultOptional().map(a -> a.status).orElse(null));
    }
}
