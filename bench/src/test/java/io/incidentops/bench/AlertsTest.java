package io.incidentops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class AlertsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Alerts alerts = new Alerts("t1", "a", 50, Instant.parse("2026-01-01T12:00:00Z"));

    @Test
    void theSameNumberIsTheSameAlertAndNumbersSpreadOverTheServices() {
        assertThat(alerts.alert(7)).isEqualTo(alerts.alert(7));
        assertThat(alerts.alert(7).fingerprint()).isNotEqualTo(alerts.alert(8).fingerprint()).hasSize(16);
        assertThat(alerts.alert(7).service()).isEqualTo("bench-t1-a-07").isEqualTo(alerts.alert(57).service());
        assertThat(alerts.alerts(0, 100).stream().map(Alerts.Alert::service).distinct()).hasSize(50);
        assertThat(alerts.serviceLikePattern()).isEqualTo("bench-t1-a-%");
    }

    @Test
    void webhookIsAlertmanagerV4() throws Exception {
        JsonNode hook = JSON.readTree(alerts.webhook(alerts.alerts(0, 50)));
        assertThat(hook.path("version").asText()).isEqualTo("4");
        assertThat(hook.path("status").asText()).isEqualTo("firing");
        assertThat(hook.path("alerts")).hasSize(50);
        JsonNode a = hook.path("alerts").get(3);
        assertThat(a.path("labels").path("alertname").asText()).isEqualTo("HighErrorRate");
        assertThat(a.path("labels").path("severity").asText()).isEqualTo("critical");
        assertThat(a.path("labels").path("service").asText()).isEqualTo("bench-t1-a-03");
        assertThat(a.path("annotations").path("summary").asText()).contains("bench-t1-a-03");
        assertThat(a.path("fingerprint").asText()).isEqualTo(alerts.alert(3).fingerprint());
        assertThat(a.path("startsAt").asText()).isEqualTo("2026-01-01T11:59:00Z");
        assertThat(a.path("endsAt").asText()).isEqualTo(Alerts.GO_ZERO_TIME);

        JsonNode single = JSON.readTree(alerts.webhook(List.of(alerts.alert(9))));
        assertThat(single.path("groupLabels").path("service").asText()).isEqualTo("bench-t1-a-09");
    }

    @Test
    void alertmanagerApiBodyCarriesTheSameAlerts() throws Exception {
        JsonNode body = JSON.readTree(alerts.alertmanagerApi(alerts.alerts(0, 2)));
        assertThat(body.isArray()).isTrue();
        assertThat(body).hasSize(2);
        assertThat(body.get(1).path("labels").path("instance").asText()).isEqualTo("i-1");
        assertThat(body.get(1).path("endsAt").asText()).isEqualTo("2026-01-01T13:00:00Z");
        assertThat(body.get(1).path("generatorURL").asText()).startsWith("http://");
    }

    @Test
    void paddedRecordIsExactlyTheSizeAsked() throws Exception {
        String record = alerts.paddedRecord(alerts.alert(12345), 1024);
        assertThat(record.getBytes(StandardCharsets.UTF_8)).hasSize(1024);
        assertThat(JSON.readTree(record).path("alerts").get(0).path("annotations").path("description").asText())
                .matches("x+");
    }

    @Test
    void fingerprintIsAlertmanagersOwn() {
        // Prometheus' model.TestMetricToFingerprint: FNV-1a 64 of the sorted label names and values
        assertThat(Long.parseUnsignedLong(Alerts.fingerprint(Map.of("name", "garland, briggs",
                "fear", "love is not enough")), 16)).isEqualTo(5799056148416392346L);
        assertThat(Alerts.fingerprint(Map.of())).isEqualTo(Long.toHexString(0xcbf29ce484222325L));
        assertThat(alerts.alert(7).fingerprint()).isEqualTo("09c3b697b8c9b459");
    }

    @Test
    void templateRendersTheSameBodiesAsTheWriters() {
        Alerts few = new Alerts("t1", "b", 5, Instant.parse("2026-01-01T12:00:00Z"));
        for (int per : new int[] {1, 3, 50}) {
            Alerts.BodyTemplate hook = few.template(Alerts.Body.WEBHOOK, per);
            Alerts.BodyTemplate api = few.template(Alerts.Body.ALERTMANAGER_API, per);
            for (long first : new long[] {0, 1, 4, 7, 99, 1_234_567}) {
                assertThat(hook.render(first)).isEqualTo(few.webhook(few.alerts(first, per)));
                assertThat(api.render(first)).isEqualTo(few.alertmanagerApi(few.alerts(first, per)));
            }
        }
        Alerts.BodyTemplate one = alerts.template(Alerts.Body.WEBHOOK, 1);
        assertThat(one.alerts().get(3)).contains(Alerts.Hole.NUMBER, Alerts.Hole.FINGERPRINT);
        assertThat(one.fingerprintInputs().get(3)).contains(Alerts.Hole.NUMBER).doesNotContain(
                Alerts.Hole.FINGERPRINT);
    }

    @Test
    void cutSplitsAtTheMarksOnly() {
        List<Object> pieces = Alerts.cut("a@@NUMBER@@b@@FINGERPRINT@@@@NUMBER@@".getBytes(StandardCharsets.UTF_8));
        assertThat(pieces).hasSize(5);
        assertThat((byte[]) pieces.get(0)).isEqualTo("a".getBytes(StandardCharsets.UTF_8));
        assertThat(pieces.get(1)).isEqualTo(Alerts.Hole.NUMBER);
        assertThat((byte[]) pieces.get(2)).isEqualTo("b".getBytes(StandardCharsets.UTF_8));
        assertThat(pieces.subList(3, 5)).containsExactly(Alerts.Hole.FINGERPRINT, Alerts.Hole.NUMBER);
        assertThat(Alerts.cut("@@NUMBER".getBytes(StandardCharsets.UTF_8))).hasSize(1);
    }

    @Test
    void jsonStringsAreEscaped() {
        StringBuilder sb = new StringBuilder();
        Alerts.str(sb, "a\"b\\c\nd\u0001");
        assertThat(sb).hasToString("\"a\\\"b\\\\c\\nd\\u0001\"");
    }
}
