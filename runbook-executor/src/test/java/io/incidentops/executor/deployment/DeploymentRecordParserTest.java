package io.incidentops.executor.deployment;

import io.incidentops.platform.messaging.PoisonRecordException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeploymentRecordParserTest {

    static final String CDEVENT = """
            {"context": {"version": "0.4.1", "id": "271069a8", "source": "/argo", "type": "dev.cdevents.service.deployed.0.2.0",
                         "timestamp": "2026-01-10T10:00:00Z"},
             "subject": {"id": "service/checkout", "source": "/argo",
                         "content": {"environment": {"id": "production", "source": "/argo"},
                                     "artifactId": "pkg:oci/checkout@sha256%3A0b31b1c0?repository_url=registry.local/checkout"}}}""";

    @Test
    void readsACdEventInBinaryMode() {
        DeploymentRecord d = DeploymentRecordParser.parse(record("checkout", CDEVENT, Map.of(
                "ce_specversion", "1.0", "ce_type", "dev.cdevents.service.deployed.0.2.0",
                "ce_time", "2026-01-10T10:00:05Z", "ce_id", "1", "ce_source", "/argo")));
        assertThat(d).isEqualTo(new DeploymentRecord("checkout", "sha256:0b31b1c0", "production", "deployed",
                Instant.parse("2026-01-10T10:00:05Z")));
    }

    @Test
    void readsUpgradedAndRolledBackWithPlainVersionsAndTheKeyAsFallbackService() {
        String data = """
                {"context": {"timestamp": "2026-01-10T11:00:00Z"},
                 "subject": {"content": {"environment": "staging", "artifactId": "pkg:maven/io.shop/cart@1.4.2"}}}""";
        DeploymentRecord d = DeploymentRecordParser.parse(record("cart", data,
                Map.of("ce_type", "dev.cdevents.service.rolledback.0.2.0")));
        assertThat(d).isEqualTo(new DeploymentRecord("cart", "1.4.2", "staging", "rolledback",
                Instant.parse("2026-01-10T11:00:00Z")));
    }

    @Test
    void readsAStructuredModeCloudEvent() {
        String value = "{\"specversion\":\"1.0\",\"type\":\"dev.cdevents.service.upgraded.0.2.0\",\"id\":\"9\","
                + "\"source\":\"/ci\",\"time\":\"2026-01-10T12:00:00Z\",\"data\":" + CDEVENT + "}";
        DeploymentRecord d = DeploymentRecordParser.parse(record(null, value, Map.of()));
        assertThat(d.kind()).isEqualTo("upgraded");
        assertThat(d.service()).isEqualTo("checkout");
        assertThat(d.deployedAt()).isEqualTo(Instant.parse("2026-01-10T12:00:00Z"));
    }

    @Test
    void readsAPlainDeployRecord() {
        DeploymentRecord d = DeploymentRecordParser.parse(record("checkout",
                "{\"service\":\"checkout\",\"version\":\"1.4.2\",\"environment\":\"production\",\"deployedAt\":\"2026-01-10T09:48:00Z\"}",
                Map.of()));
        assertThat(d).isEqualTo(new DeploymentRecord("checkout", "1.4.2", "production", "deployed",
                Instant.parse("2026-01-10T09:48:00Z")));
    }

    @Test
    void unreadableRecordsArePoisonWithAReason() {
        assertThatThrownBy(() -> DeploymentRecordParser.parse(record("x", "{not json", Map.of())))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> DeploymentRecordParser.parse(record("x", "[1,2]", Map.of())))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> DeploymentRecordParser.parse(record("x", "{\"version\":\"1\"}", Map.of())))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("service");
        assertThatThrownBy(() -> DeploymentRecordParser.parse(record("x",
                "{\"service\":\"a\",\"version\":\"1\",\"deployedAt\":\"yesterday\"}", Map.of())))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("deployedAt");
        assertThatThrownBy(() -> DeploymentRecordParser.parse(record("x", CDEVENT,
                Map.of("ce_type", "dev.cdevents.pipelinerun.finished.0.2.0"))))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("unsupported CloudEvents type");
        assertThatThrownBy(() -> DeploymentRecordParser.parse(record("x", "{\"subject\":{\"id\":\"a\",\"content\":{}}}",
                Map.of("ce_type", "dev.cdevents.service.deployed.0.2.0"))))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("artifactId");
        assertThatThrownBy(() -> DeploymentRecordParser.parse(record("x", "{\"hello\":\"world\"}", Map.of())))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("neither");
    }

    private static ConsumerRecord<String, String> record(String key, String value, Map<String, String> headers) {
        ConsumerRecord<String, String> r = new ConsumerRecord<>("deployments", 0, 0, key, value);
        headers.forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return r;
    }
}
