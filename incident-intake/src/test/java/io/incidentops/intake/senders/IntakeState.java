package io.incidentops.intake.senders;

import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.function.Supplier;

import static io.incidentops.intake.support.Fixtures.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** What a sender's requests left in intake, read through intake's own API (as a viewer). */
final class IntakeState {

    /** Generous: a sender notifies on its own schedule (Alertmanager's group_wait, retries). */
    private static final Duration PATIENCE = Duration.ofSeconds(45);

    private IntakeState() {
    }

    /**
     * Waits for exactly one open incident matching {@code filter} (a GPath condition on an item of
     * {@code GET /api/incidents}, e.g. {@code "service == 'x'"}) and returns its ID; {@code sender} explains a
     * timeout (the sender's log, what its client printed).
     */
    static String awaitIncident(String filter, Supplier<String> sender) {
        eventually(() -> openIncidents().then().body("items.findAll { it." + filter + " }", hasSize(1)), sender);
        return openIncidents().then().extract().path("items.find { it." + filter + " }.id");
    }

    /** Waits until the incident's only alert is in {@code status} ({@code firing}, {@code resolved}). */
    static void awaitAlertStatus(String incidentId, String status, Supplier<String> sender) {
        eventually(() -> as("viewer").get("/api/incidents/" + incidentId + "/alerts").then()
                .body("items", hasSize(1)).body("items[0].status", equalTo(status)), sender);
    }

    /** Runs {@code assertion} until it passes; on timeout fails with the assertion's last error and {@code sender}. */
    static void eventually(Runnable assertion, Supplier<String> sender) {
        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(assertion::run);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n--- the sender's side:\n" + sender.get(), e);
        }
    }

    private static io.restassured.response.Response openIncidents() {
        return as("viewer").queryParam("open", true).queryParam("size", 100).get("/api/incidents");
    }
}
