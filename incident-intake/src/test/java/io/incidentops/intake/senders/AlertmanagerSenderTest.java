package io.incidentops.intake.senders;

import io.incidentops.testsupport.InfraTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.net.URL;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

import static io.incidentops.intake.senders.IntakeState.awaitAlertStatus;
import static io.incidentops.intake.senders.IntakeState.awaitIncident;
import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.intake.support.Fixtures.resource;
import static io.incidentops.testsupport.TestIds.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

/**
 * The real Prometheus Alertmanager notifying intake: alerts posted to Alertmanager's own API, grouped and sent by
 * its webhook receiver ({@code POST /api/integrations/alertmanager}, the integration key through
 * {@code http_config.authorization}) and by its Opsgenie receiver ({@code api_url} = intake: {@code POST /v2/alerts},
 * then {@code POST /v2/alerts/<alias>/close?identifierType=alias}, {@code Authorization: GenieKey <key>}). Then the
 * alert ends (endsAt in the past) and the resolved notice must reach intake too.
 * Runs only with {@code -Dsenders=true} (see the README): it needs {@code prometheus-alertmanager} installed.
 */
@QuarkusTest
@TestProfile(SendersProfile.class)
@EnabledIfSystemProperty(named = "senders", matches = "true")
class AlertmanagerSenderTest {

    @TestHTTPResource("/")
    URL intake;

    @Test
    void webhookReceiverDeclaresAndItsResolvedNoticeReachesIntake() throws IOException {
        String service = unique("am-webhook");
        String alertname = unique("CheckoutDown");
        String id = fireThenResolve(alertname, service, "webhook", "service == '" + service + "'",
                // severity label critical → P1; Alertmanager computed the fingerprint, intake dedups on it
                incident -> as("viewer").get("/api/incidents/" + incident).then()
                        .body("source", equalTo("alertmanager")).body("severity", equalTo("P1"))
                        .body("title", equalTo("Checkout is down")).body("labels.alertname", equalTo(alertname))
                        .body("dedupKey", not(emptyOrNullString())).body("alertCount", equalTo(1)));
        // the only alert resolved: the incident waits for a verified recovery (intake README, "Rules")
        as("viewer").get("/api/incidents/" + id).then().body("status", equalTo("MONITORING"));
    }

    @Test
    void opsgenieReceiverCreatesAndClosesThroughTheOpsgenieDropIn() throws IOException {
        String alertname = unique("LedgerWritesFailing");
        // Opsgenie's create carries the message (the alertname: Alertmanager's default template), the entity (our
        // configuration: the service label) and the common labels as details; its alias, a hash of the group key,
        // is what intake must keep as the raw dedup key, since the close names the alert by it
        fireThenResolve(alertname, unique("am-opsgenie"), "opsgenie", "title?.contains('" + alertname + "')",
                incident -> as("viewer").get("/api/incidents/" + incident).then()
                        .body("dedupKey", not(emptyOrNullString())).body("alertCount", equalTo(1)));
    }

    @Test
    void alertmanagerStopsWhenItsTestEnds() throws IOException {
        AlertmanagerProcess alertmanager = AlertmanagerProcess.start(config());
        ProcessHandle handle = alertmanager.handle();
        alertmanager.close();
        assertThat(handle.isAlive()).as("Alertmanager " + handle.pid() + " stopped").isFalse();
    }

    /**
     * Posts one alert to a fresh Alertmanager, waits for the incident its notification declared ({@code filter}
     * picks it among the open ones), checks it, then ends the alert and waits until the resolved notice reached
     * intake (the alert recorded as resolved). Alertmanager is stopped whatever happens. Returns the incident ID.
     */
    private String fireThenResolve(String alertname, String service, String via, String filter,
                                   Consumer<String> checkDeclared) throws IOException {
        Instant startsAt = Instant.now().minusSeconds(120);
        try (AlertmanagerProcess alertmanager = AlertmanagerProcess.start(config())) {
            alertmanager.post(alert(alertname, service, via, startsAt, null));
            String id = awaitIncident(filter, alertmanager::log);
            checkDeclared.accept(id);
            alertmanager.post(alert(alertname, service, via, startsAt, Instant.now().minusSeconds(1)));
            awaitAlertStatus(id, "resolved", alertmanager::log);
            return id;
        }
    }

    private String config() {
        String base = intake.toString().replaceAll("/$", "");
        return resource("/senders/alertmanager.yml",
                Map.of("INTAKE_URL", base, "INTEGRATION_KEY", InfraTestResource.integrationKey()));
    }

    /** One alert as Prometheus posts it to Alertmanager's v2 API ({@code postableAlerts}); an endsAt resolves it. */
    private static String alert(String alertname, String service, String via, Instant startsAt, Instant endsAt) {
        return """
                [{"labels": {"alertname": "%s", "service": "%s", "severity": "critical", "via": "%s"},
                  "annotations": {"summary": "Checkout is down"},
                  "generatorURL": "http://prometheus.example/graph",
                  "startsAt": "%s"%s}]""".formatted(alertname, service, via, startsAt,
                endsAt == null ? "" : ", \"endsAt\": \"" + endsAt + "\"");
    }
}
