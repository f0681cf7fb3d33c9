package io.incidentops.intake;

import io.incidentops.events.EventType;
import io.incidentops.events.executor.RecoveryVerified;
import io.incidentops.events.intake.AlertActivity;
import io.incidentops.events.intake.IncidentReopened;
import io.incidentops.events.intake.RespondersPaged;
import io.incidentops.events.intake.SeverityChanged;
import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.alerts.AlertNormalizer;
import io.incidentops.intake.alerts.GenericAlert;
import io.incidentops.intake.declaration.AlertIntake;
import io.incidentops.testsupport.KafkaTestClient;
import jakarta.inject.Inject;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.intake.support.Fixtures.awaitEvents;
import static io.incidentops.intake.support.Fixtures.data;
import static io.incidentops.intake.support.Fixtures.hasType;
import static io.incidentops.intake.support.Fixtures.applied;
import static io.incidentops.intake.support.Fixtures.integration;
import static io.incidentops.intake.support.Fixtures.sendEvent;
import static io.incidentops.testsupport.TestIds.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Alert storms: related alerts group into one incident, repeats are summarised, a recent incident reopens. */
@QuarkusTest
class GroupingTest {

    private static final String AM = "/api/integrations/alertmanager";

    private final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    AlertIntake intake;

    @Inject
    AlertNormalizer normalizer;

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aStormOfDistinctAlertsOverFiveServicesDeclaresFiveIncidents() {
        String run = unique("storm");
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            alerts.add(amAlert(run + "-svc" + (n % 5), "team-" + run, "Failure" + n, "warning", run + "-fp" + n, "firing"));
        }
        var results = applied().body(webhook(alerts)).post(AM).then().statusCode(200)
                .body("received", equalTo(50)).body("declared", equalTo(5)).body("attached", equalTo(45))
                .extract().jsonPath();
        Set<String> incidents = new java.util.HashSet<>(results.getList("results.incidentId", String.class));
        assertThat(incidents).hasSize(5);
        for (String id : incidents) {
            as("viewer").get("/api/incidents/" + id).then().statusCode(200).body("alertCount", equalTo(10));
        }
        // every alert says why it is where it is
        String first = results.getString("results[0].incidentId");
        as("viewer").queryParam("size", 100).get("/api/incidents/" + first + "/alerts").then().statusCode(200)
                .body("total", equalTo(10))
                .body("items.groupKey", hasItem("service=\"" + run + "-svc0\", team=\"team-" + run + "\""));
    }

    /**
     * Two writers (as two replicas' alert writers would) commit distinct alerts of one group at the same moment, each
     * in its own transactions: the advisory lock per group and the partial unique index leave one incident.
     */
    @Test
    void twoConcurrentWritersOfOneGroupDeclareOneIncident() throws Exception {
        String service = unique("race");
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<List<String>>> sides = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int writer = w;
                sides.add(writers.submit(() -> {
                    go.await();
                    List<String> ids = new ArrayList<>();
                    for (int n = 0; n < 10; n++) {
                        Alert alert = normalizer.fromGeneric(new GenericAlert(service, "Race " + writer + "/" + n, null,
                                "P2", null, null, service + "-" + writer + "-" + n, null, null), "api");
                        ids.add(intake.acceptAll(List.of(alert)).get(0).incidentId());
                    }
                    return ids;
                }));
            }
            go.countDown();
            Set<String> incidents = new java.util.HashSet<>();
            for (var side : sides) incidents.addAll(side.get());
            assertThat(incidents).hasSize(1);
            as("viewer").get("/api/incidents/" + incidents.iterator().next()).then().body("alertCount", equalTo(20));
        } finally {
            writers.shutdownNow();
        }
    }

    @Test
    void aMoreSevereGroupedAlertRaisesTheSeverityALessSevereOneNeverLowersIt() {
        String service = unique("pay");
        String id = integration().body(generic(service, "Latency high", "P3", unique("fp"))).post("/api/alerts")
                .then().statusCode(202).body("outcome", equalTo("declared")).extract().path("incidentId");
        integration().body(generic(service, "Payments failing for everyone", "P1", unique("fp"))).post("/api/alerts")
                .then().statusCode(202).body("outcome", equalTo("attached")).body("incidentId", equalTo(id));
        integration().body(generic(service, "A warning", "P4", unique("fp"))).post("/api/alerts")
                .then().statusCode(202).body("incidentId", equalTo(id));
        as("viewer").get("/api/incidents/" + id).then().body("severity", equalTo("P1")).body("alertCount", equalTo(3))
                .body("emergencyMode", equalTo(true));

        List<ConsumerRecord<String, String>> events = awaitEvents(kafka, id,
                r -> hasType(r, EventType.INCIDENT_SEVERITY_CHANGED, 1) && hasType(r, EventType.INCIDENT_ESCALATED, 1));
        SeverityChanged change = data(events, EventType.INCIDENT_SEVERITY_CHANGED, SeverityChanged.class).get(0);
        assertThat(change.previous().name()).isEqualTo("P3");
        assertThat(change.current().name()).isEqualTo("P1");
        assertThat(change.reason()).contains("Payments failing for everyone");
    }

    @Test
    void repeatsAreCountedAndSummarisedAtMostOncePerInterval() {
        String service = unique("api");
        String fp = unique("fp");
        String id = integration().body(generic(service, "API down", "P2", fp)).post("/api/alerts")
                .then().statusCode(202).extract().path("incidentId");
        String other = unique("fp");
        for (int n = 0; n < 30; n++) {
            integration().body(generic(service, "API down", "P2", fp)).post("/api/alerts").then().statusCode(202);
        }
        integration().body(generic(service, "API slow too", "P2", other)).post("/api/alerts").then().statusCode(202);

        List<AlertActivity> activity = data(awaitEvents(kafka, id, r -> data(r, EventType.INCIDENT_ALERT_ACTIVITY,
                AlertActivity.class).stream().mapToLong(AlertActivity::deliveries).sum() == 31),
                EventType.INCIDENT_ALERT_ACTIVITY, AlertActivity.class);
        assertThat(activity.stream().mapToInt(AlertActivity::newAlerts).sum()).isEqualTo(1);
        assertThat(activity).allSatisfy(a -> assertThat(a.alerts()).isBetween(1, 2));
        assertThat(activity).as("fewer events than deliveries").hasSizeLessThan(31);
        for (int n = 1; n < activity.size(); n++) { // at most one per interval (test profile: 1 s)
            assertThat(Duration.between(activity.get(n - 1).to(), activity.get(n).to()))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
        // the report that covers the new alert lists it; later reports may carry only repeat counts flushed after it
        assertThat(activity).filteredOn(a -> a.changed().stream().anyMatch(c -> c.dedupKey().equals("local/" + other)))
                .hasSize(1);
        // alert-attached is no longer emitted, one event per delivery was the storm amplifier
        assertThat(hasType(awaitEvents(kafka, id, r -> true), EventType.INCIDENT_ALERT_ATTACHED, 1)).isFalse();
        as("viewer").get("/api/incidents/" + id + "/alerts").then()
                .body("items.find { it.dedupKey == 'local/" + fp + "' }.deliveries", equalTo(31));
    }

    @Test
    void whenEveryAlertResolvedTheIncidentMonitorsAndAVerifiedRecoveryResolvesIt() {
        String service = unique("db");
        String team = unique("team");
        String fp1 = unique("fp");
        String fp2 = unique("fp");
        String id = applied().body(webhook(List.of(amAlert(service, team, "DbDown", "critical", fp1, "firing"),
                amAlert(service, team, "DbSlow", "warning", fp2, "firing")))).post(AM).then().statusCode(200)
                .body("declared", equalTo(1)).extract().path("results[0].incidentId");

        applied().body(webhook(List.of(amAlert(service, team, "DbDown", "critical", fp1, "resolved")))).post(AM)
                .then().statusCode(200);
        as("viewer").get("/api/incidents/" + id).then().body("status", equalTo("DECLARED"));
        applied().body(webhook(List.of(amAlert(service, team, "DbSlow", "warning", fp2, "resolved")))).post(AM)
                .then().statusCode(200);
        as("viewer").get("/api/incidents/" + id).then().body("status", equalTo("MONITORING"));
        awaitEvents(kafka, id, r -> hasType(r, EventType.INCIDENT_ALERTS_RESOLVED, 1));

        sendEvent(kafka, new RecoveryVerified(id, null, "health UP 3 times", Duration.ofMinutes(2), Instant.now()));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as("viewer").get("/api/incidents/" + id).then().body("status", equalTo("RESOLVED")));
    }

    @Test
    void alertsFiringResolvingAndFiringAgainInOneTransactionEndInTheirLastState() {
        // one request, one group: one writer transaction whose resolved notices must see the rows it added and changed
        String service = unique("cache");
        String team = unique("team");
        String fp1 = unique("fp");
        String fp2 = unique("fp");
        String id = applied().body(webhook(List.of(amAlert(service, team, "CacheDown", "critical", fp1, "firing"),
                        amAlert(service, team, "CacheSlow", "warning", fp2, "firing"),
                        amAlert(service, team, "CacheDown", "critical", fp1, "resolved"),
                        amAlert(service, team, "CacheSlow", "warning", fp2, "resolved"),
                        amAlert(service, team, "CacheDown", "critical", fp1, "firing"))))
                .post(AM).then().statusCode(200).body("declared", equalTo(1)).extract().path("results[0].incidentId");

        // fp1 fires, resolves (all resolved: MONITORING), fires again (INVESTIGATING); fp2 fires, resolves
        as("viewer").get("/api/incidents/" + id).then().body("status", equalTo("INVESTIGATING"))
                .body("alertCount", equalTo(2));
        as("viewer").get("/api/incidents/" + id + "/alerts").then()
                .body("items.find { it.dedupKey == 'local/" + fp1 + "' }.status", equalTo("firing"))
                .body("items.find { it.dedupKey == 'local/" + fp1 + "' }.deliveries", equalTo(3))
                .body("items.find { it.dedupKey == 'local/" + fp1 + "' }.labels.alertname", equalTo("CacheDown"))
                .body("items.find { it.dedupKey == 'local/" + fp2 + "' }.status", equalTo("resolved"))
                .body("items.find { it.dedupKey == 'local/" + fp2 + "' }.deliveries", equalTo(2))
                .body("items.find { it.dedupKey == 'local/" + fp2 + "' }.endsAt", org.hamcrest.Matchers.notNullValue());
        awaitEvents(kafka, id, r -> hasType(r, EventType.INCIDENT_ALERTS_RESOLVED, 1));
    }

    @Test
    void anAlertOfARecentlyResolvedGroupReopensItsIncident() {
        String service = unique("queue");
        String id = integration().body(generic(service, "Queue backlog", "P2", unique("fp"))).post("/api/alerts")
                .then().statusCode(202).extract().path("incidentId");
        as("commander").body(Map.of("rootCause", "consumer stuck")).post("/api/incidents/" + id + "/resolve")
                .then().statusCode(200).body("status", equalTo("RESOLVED"));

        integration().body(generic(service, "Queue backlog again", "P2", unique("fp"))).post("/api/alerts")
                .then().statusCode(202).body("outcome", equalTo("reopened")).body("incidentId", equalTo(id));
        as("viewer").get("/api/incidents/" + id).then().body("status", equalTo("INVESTIGATING"))
                .body("reopenCount", equalTo(1)).body("resolvedAt", equalTo(null));

        List<ConsumerRecord<String, String>> events = awaitEvents(kafka, id,
                r -> hasType(r, EventType.INCIDENT_REOPENED, 1) && hasType(r, EventType.INCIDENT_RESPONDERS_PAGED, 2));
        assertThat(data(events, EventType.INCIDENT_REOPENED, IncidentReopened.class).get(0).reason())
                .contains("Queue backlog again");
        List<RespondersPaged> pages = data(events, EventType.INCIDENT_RESPONDERS_PAGED, RespondersPaged.class);
        assertThat(pages.get(1).responders()).as("the same people paged again").isEqualTo(pages.get(0).responders());
    }

    /**
     * A writer batch prepares its groups with no open incident together (locks, latest incidents, IDs): one reopens,
     * the others declare with the IDs reserved for them, one after the other, and a repeat of a new group joins.
     */
    @Test
    void oneBatchReopensOneGroupAndDeclaresTheOthersWithConsecutiveIds() {
        String run = unique("batch");
        String resolved = integration().body(generic(run + "-a", "Cache misses", "P3", unique("fp"))).post("/api/alerts")
                .then().statusCode(202).extract().path("incidentId");
        as("commander").body(Map.of("rootCause", "cold cache")).post("/api/incidents/" + resolved + "/resolve")
                .then().statusCode(200);
        List<Alert> alerts = new ArrayList<>();
        for (String s : List.of("a", "b", "c", "b")) {
            alerts.add(normalizer.fromGeneric(new GenericAlert(run + "-" + s, "Batch " + s + alerts.size(), null, "P3",
                    null, null, run + "-fp" + alerts.size(), null, null), "api"));
        }

        List<AlertIntake.Outcome> outcomes = intake.acceptAll(alerts);

        assertThat(outcomes).extracting(AlertIntake.Outcome::outcome)
                .containsExactly(AlertIntake.REOPENED, AlertIntake.DECLARED, AlertIntake.DECLARED, AlertIntake.ATTACHED);
        assertThat(outcomes.get(0).incidentId()).isEqualTo(resolved);
        assertThat(outcomes.get(3).incidentId()).isEqualTo(outcomes.get(1).incidentId());
        assertThat(sequence(outcomes.get(2).incidentId())).isEqualTo(sequence(outcomes.get(1).incidentId()) + 1);
        as("viewer").get("/api/incidents/" + resolved).then().body("status", equalTo("INVESTIGATING"));
        as("viewer").get("/api/incidents/" + outcomes.get(1).incidentId()).then().body("alertCount", equalTo(2));
    }

    private static int sequence(String incidentId) {
        return Integer.parseInt(incidentId.substring(incidentId.lastIndexOf('-') + 1));
    }

    @Test
    void aCommanderReopensByHandWithAReason() {
        String service = unique("auth");
        String id = integration().body(generic(service, "Logins failing", "P2", unique("fp"))).post("/api/alerts")
                .then().statusCode(202).extract().path("incidentId");
        as("commander").body(Map.of("reason", "not resolved")).post("/api/incidents/" + id + "/reopen")
                .then().statusCode(409);
        as("commander").body(Map.of("rootCause", "cert expired")).post("/api/incidents/" + id + "/resolve")
                .then().statusCode(200);
        as("responder").body(Map.of("reason", "still failing")).post("/api/incidents/" + id + "/reopen")
                .then().statusCode(403);
        as("commander").body(Map.of()).post("/api/incidents/" + id + "/reopen").then().statusCode(400);
        as("commander").body(Map.of("reason", "customers still cannot log in")).post("/api/incidents/" + id + "/reopen")
                .then().statusCode(200).body("status", equalTo("INVESTIGATING"));

        List<ConsumerRecord<String, String>> events = awaitEvents(kafka, id, r -> hasType(r, EventType.INCIDENT_REOPENED, 1));
        assertThat(data(events, EventType.INCIDENT_REOPENED, IncidentReopened.class).get(0).reason())
                .contains("customers still cannot log in").contains("commander-user");
    }

    @Test
    void aServiceRuleGroupsByItsOwnFields() {
        // application.properties (test): services."grouped-by-alertname".by=service,alertname
        String team = unique("team");
        var results = applied().body(webhook(List.of(
                amAlert("grouped-by-alertname", team, unique("A"), "warning", unique("fp"), "firing"),
                amAlert("grouped-by-alertname", team, unique("B"), "warning", unique("fp"), "firing")))).post(AM)
                .then().statusCode(200).body("declared", equalTo(2)).extract().jsonPath();
        assertThat(results.getString("results[0].groupKey")).startsWith("service=\"grouped-by-alertname\", alertname=");
    }

    private static Map<String, Object> generic(String service, String summary, String severity, String fingerprint) {
        Map<String, Object> body = new HashMap<>();
        body.put("service", service);
        body.put("summary", summary);
        body.put("severity", severity);
        body.put("fingerprint", fingerprint);
        return body;
    }

    private static Map<String, Object> amAlert(String service, String team, String alertname, String severity,
                                               String fingerprint, String status) {
        Map<String, Object> alert = new HashMap<>();
        alert.put("status", status);
        alert.put("labels", Map.of("service", service, "team", team, "alertname", alertname, "severity", severity));
        alert.put("annotations", Map.of("summary", alertname + " on " + service));
        alert.put("startsAt", Instant.now().minusSeconds(120).toString());
        alert.put("endsAt", "resolved".equals(status) ? Instant.now().toString() : "0001-01-01T00:00:00Z");
        alert.put("fingerprint", fingerprint);
        return alert;
    }

    private static Map<String, Object> webhook(List<Map<String, Object>> alerts) {
        boolean allResolved = alerts.stream().allMatch(a -> "resolved".equals(a.get("status")));
        return Map.of("version", "4", "status", allResolved ? "resolved" : "firing", "receiver", "incidentops",
                "groupKey", "{}:{}", "alerts", alerts);
    }

}
