package io.incidentops.intake;

import io.agroal.api.AgroalDataSource;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Severity;
import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.declaration.AlertJournal;
import io.incidentops.intake.declaration.AlertWriter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.intake.support.Fixtures.integration;
import static io.incidentops.intake.support.Fixtures.webhook;
import static io.incidentops.testsupport.TestIds.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;

/**
 * An Alertmanager webhook is answered once its alerts are durable in the journal, before they are applied; the
 * writer applies them afterwards and deletes their rows; rows a stopped replica left are applied by another.
 */
@QuarkusTest
class AlertJournalTest {

    private static final String AM = "/api/integrations/alertmanager";

    @Inject
    AlertWriter writer;

    @Inject
    AlertJournal journal;

    @Inject
    AgroalDataSource db;

    @AfterEach
    void resume() {
        writer.resume();
    }

    @Test
    void aWebhookIsAnsweredOnceDurableAndItsAlertsAppliedAfterwards() throws SQLException {
        String service = unique("journaled");
        writer.pause(); // nothing is applied: the answer cannot wait for the incident
        integration().body(webhook(service, 0, 2)).post(AM).then().statusCode(200)
                .body("received", equalTo(2)).body("queued", equalTo(2)).body("declared", equalTo(0))
                .body("results.outcome", everyItem(equalTo("queued"))).body("results.incidentId", everyItem(nullValue()))
                .body("results.groupKey", everyItem(equalTo("service=\"" + service.toLowerCase(Locale.ROOT) + "\", team=\"\"")));
        assertThat(journalRowsOf(service)).isEqualTo(1);
        assertThat(incidentsOf(service)).isEmpty();

        writer.resume();
        await().until(() -> incidentsOf(service).size() == 1);
        as("viewer").get("/api/incidents/" + incidentsOf(service).get(0)).then().body("alertCount", equalTo(2));
        await().until(() -> journalRowsOf(service) == 0);
    }

    @Test
    void beyondTheBacklogCallersWaitForTheApplyAndAtCapacityAreRefused() {
        String service = unique("journal-full");
        writer.pause();
        // the test profile answers at once up to 100 alerts waiting, and holds 200 at most
        for (int n = 0; n < 2; n++) {
            integration().body(webhook(service, n, 50)).post(AM).then().statusCode(200).body("queued", equalTo(50));
        }
        List<CompletableFuture<Response>> waiting = new ArrayList<>();
        for (int n = 2; n < 4; n++) {
            Map<String, Object> hook = webhook(service, n, 50);
            waiting.add(CompletableFuture.supplyAsync(() -> integration().body(hook).post(AM)));
        }
        await().until(() -> writer.queuedAlerts() == 200);
        assertThat(waiting).noneMatch(CompletableFuture::isDone);
        integration().body(webhook(service, 9, 1)).post(AM).then().statusCode(503).header("Retry-After", "2");

        writer.resume();
        for (CompletableFuture<Response> w : waiting) { // answered once applied, with the incident
            w.join().then().statusCode(200).body("queued", equalTo(0)).body("attached", equalTo(50));
        }
        await().until(() -> incidentsOf(service).size() == 1);
        await().untilAsserted(() -> as("viewer").get("/api/incidents/" + incidentsOf(service).get(0)).then()
                .body("alertCount", equalTo(200)));
    }

    @Test
    void rowsLeftByAStoppedReplicaAreAppliedOnce() throws SQLException {
        String service = unique("orphaned");
        Instant now = Instant.now();
        Alert alert = new Alert("alertmanager", service, "Orphaned alert", null, Severity.P2, IncidentType.SERVICE_OUTAGE,
                Map.of("service", service, "alertname", "Down"), now.minusSeconds(120), null, service + "-fp", null,
                null, false, now.minusSeconds(60));
        try (Connection c = db.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO alert_journal (owner, received_at, alerts) "
                     + "VALUES (?, now() - interval '1 minute', ?)")) {
            insert.setObject(1, UUID.randomUUID()); // a process that no longer runs
            insert.setString(2, journal.encode(List.of(alert)));
            insert.executeUpdate();
        }

        await().until(() -> incidentsOf(service).size() == 1);
        String id = incidentsOf(service).get(0);
        as("viewer").get("/api/incidents/" + id).then().body("alertCount", equalTo(1)).body("severity", equalTo("P2"));
        as("viewer").get("/api/incidents/" + id + "/alerts").then().body("items[0].deliveries", equalTo(1));
        assertThat(journalRowsOf(service)).isZero();
    }

    private List<String> incidentsOf(String service) {
        Response r = as("viewer").queryParam("size", 100).get("/api/incidents");
        return r.jsonPath().getList("items.findAll { it.service == '" + service + "' }.id", String.class);
    }

    private long journalRowsOf(String service) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement count = c.prepareStatement("SELECT count(*) FROM alert_journal WHERE alerts LIKE ?")) {
            count.setString(1, "%" + service + "%");
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
