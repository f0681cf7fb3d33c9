package io.incidentops.intake.oncall;

import io.incidentops.events.EventType;
import io.incidentops.events.intake.NotificationRequested;
import io.incidentops.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static io.incidentops.intake.support.Fixtures.alert;
import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.intake.support.Fixtures.awaitEvents;
import static io.incidentops.intake.support.Fixtures.data;
import static io.incidentops.intake.support.Fixtures.hasType;
import static io.incidentops.intake.support.Fixtures.integration;
import static io.incidentops.testsupport.TestIds.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Shift swaps and "take this shift" through {@code /api/schedules/{id}}: a swap request by the user on call, taken by
 * another, moves "on call now" and paging to the taker at once; taking twice or cancelling after is 409; a request for
 * a window the requester is not on call in is 409 and stores nothing; two takers at once, one wins.
 */
@QuarkusTest
class ShiftSwapTest {

    private final KafkaTestClient kafka = new KafkaTestClient();
    private final CreatedThroughApi created = new CreatedThroughApi();

    @AfterEach
    void cleanUp() {
        kafka.close();
        created.deleteAll();
    }

    private String user(String name) {
        return created.user(name);
    }

    /** A schedule in which {@code user} is on call around the clock. */
    private String scheduleOf(String user) {
        String id = as("admin").body("{\"schedule\":{\"name\":\"Swaps\",\"time_zone\":\"Europe/Berlin\",\"schedule_layers\":["
                        + "{\"start\":\"2026-01-05\",\"handoff_time\":\"09:00\",\"rotation_interval\":\"P7D\",\"users\":[\"" + user + "\"]}]}}")
                .post("/api/schedules").then().statusCode(201).extract().path("schedule.id");
        created.referring("/api/schedules/" + id);
        return id;
    }

    private static String swapRequest(String requester, Instant start, Instant end) {
        return "{\"swap_request\":{\"requester\":\"" + requester + "\",\"start\":\"" + start + "\",\"end\":\"" + end
                + "\",\"description\":\"dentist\"}}";
    }

    private static String actor(String user) {
        return "{\"user\":\"" + user + "\"}";
    }

    private static String onCall(String schedule, Instant at) {
        return as("viewer").queryParam("schedule", schedule).queryParam("at", at.toString()).get("/api/oncalls")
                .then().statusCode(200).extract().path("oncalls[0].user.id");
    }

    @Test
    void aTakenSwapRequestMovesOnCallAndPagingToTheTaker() {
        String ann = user("Ann Asker");
        String bob = user("Bob Bystander");
        String cat = user("Cat Taker");
        String schedule = scheduleOf(ann);
        Instant start = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        Instant end = start.plus(2, ChronoUnit.HOURS);
        String base = "/api/schedules/" + schedule + "/swap-requests";

        // bob is not on call then: refused, nothing stored
        as("admin").body(swapRequest(bob, start, end)).post(base).then().statusCode(409)
                .contentType("application/problem+json");
        as("viewer").get(base).then().statusCode(200).body("swap_requests.size()", equalTo(0));

        String request = as("admin").body(swapRequest(ann, start, end)).post(base).then().statusCode(201)
                .body("swap_request.status", equalTo("open")).body("swap_request.requester", equalTo(ann))
                .body("swap_request.start", equalTo(start.toString())).body("swap_request.description", equalTo("dentist"))
                .extract().path("swap_request.id");
        as("admin").body(actor(ann)).post(base + "/" + request + "/take").then().statusCode(400)
                .body("errors.field", hasItem("user"));
        as("admin").body(actor(bob)).post(base + "/" + request + "/cancel").then().statusCode(400);
        assertThat(onCall(schedule, Instant.now())).isEqualTo(ann);

        String override = as("admin").body(actor(cat)).post(base + "/" + request + "/take").then().statusCode(200)
                .body("swap_request.status", equalTo("taken")).body("swap_request.taken_by", equalTo(cat))
                .body("swap_request.taken_at", notNullValue()).extract().path("swap_request.override_id");
        as("admin").body(actor(bob)).post(base + "/" + request + "/take").then().statusCode(409)
                .contentType("application/problem+json");
        as("admin").body(actor(ann)).post(base + "/" + request + "/cancel").then().statusCode(409);
        as("viewer").get(base + "/" + request).then().statusCode(200).body("swap_request.taken_by", equalTo(cat));
        as("viewer").get(base + "?status=open").then().body("swap_requests.size()", equalTo(0));
        as("viewer").get("/api/schedules/" + schedule).then().body("schedule.overrides[0].id", equalTo(override))
                .body("schedule.overrides[0].user", equalTo(cat));

        // on call now is the taker, and a page goes to her
        assertThat(onCall(schedule, Instant.now())).isEqualTo(cat);
        assertThat(onCall(schedule, end)).isEqualTo(ann);
        String service = EscalationTest.serviceWithTwoRules("swapped", 0, "schedule", schedule, bob);
        String policy = as("viewer").get("/api/services/" + service).then().extract().path("service.escalation_policy_id");
        created.referring("/api/escalation-policies/" + policy);
        created.referring("/api/services/" + service);
        String incident = integration().body(alert(service, "Swap paged", "P2")).post("/api/alerts")
                .then().statusCode(202).extract().path("incidentId");
        NotificationRequested page = data(awaitEvents(kafka, incident,
                r -> hasType(r, EventType.INCIDENT_NOTIFICATION_REQUESTED, 1)),
                EventType.INCIDENT_NOTIFICATION_REQUESTED, NotificationRequested.class).get(0);
        assertThat(page.userId()).isEqualTo(cat);
        as("commander").body("{\"rootCause\":\"test\"}").post("/api/incidents/" + incident + "/resolve")
                .then().statusCode(200);
    }

    @Test
    void anOpenRequestCanBeCancelledByItsRequesterAndThenNotTaken() {
        String ann = user("Ann Cancels");
        String cat = user("Cat Late");
        String schedule = scheduleOf(ann);
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        String base = "/api/schedules/" + schedule + "/swap-requests";
        String request = as("admin").body(swapRequest(ann, start, start.plus(8, ChronoUnit.HOURS))).post(base)
                .then().statusCode(201).extract().path("swap_request.id");
        as("admin").body(actor(ann)).post(base + "/" + request + "/cancel").then().statusCode(200)
                .body("swap_request.status", equalTo("cancelled"));
        as("admin").body(actor(cat)).post(base + "/" + request + "/take").then().statusCode(409);
        as("viewer").get("/api/schedules/" + schedule).then().body("schedule.overrides.size()", equalTo(0));
        as("admin").body(actor(cat)).post(base + "/not-a-uuid/take").then().statusCode(404);
    }

    @Test
    void twoTakersAtOnceOneWins() throws Exception {
        String ann = user("Ann Busy");
        String bob = user("Bob Quick");
        String cat = user("Cat Quick");
        String schedule = scheduleOf(ann);
        Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        String take = "/api/schedules/" + schedule + "/swap-requests/"
                + as("admin").body(swapRequest(ann, start, start.plus(1, ChronoUnit.HOURS)))
                .post("/api/schedules/" + schedule + "/swap-requests").then().statusCode(201)
                .extract().path("swap_request.id") + "/take";
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Integer>> takers = List.of(bob, cat).stream().map(u -> CompletableFuture.supplyAsync(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return as("admin").body(actor(u)).post(take).then().extract().statusCode();
        })).toList();
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Integer> t : takers) statuses.add(t.get());
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        as("viewer").get("/api/schedules/" + schedule).then().body("schedule.overrides.size()", equalTo(1));
    }

    @Test
    void takingAShiftOverridesWhoeverElseIsOnCall() {
        String ann = user("Ann Giver");
        String cat = user("Cat Eager");
        String schedule = scheduleOf(ann);
        Instant start = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant end = start.plus(1, ChronoUnit.HOURS);
        String take = "/api/schedules/" + schedule + "/shifts/take";

        as("admin").body(window(cat, start, end)).post(take).then().statusCode(201)
                .body("override.user", equalTo(cat)).body("override.start", equalTo(start.toString()));
        assertThat(onCall(schedule, start.plus(30, ChronoUnit.MINUTES))).isEqualTo(cat);
        // cat is on call then now: nothing for her to take; ann takes it back
        as("admin").body(window(cat, start, end)).post(take).then().statusCode(409).contentType("application/problem+json");
        as("admin").body(window(ann, start, end)).post(take).then().statusCode(201);
        assertThat(onCall(schedule, start.plus(30, ChronoUnit.MINUTES))).isEqualTo(ann);
        // after the override ann is on call herself: nobody else to take it from
        as("admin").body(window(ann, end, end.plus(1, ChronoUnit.HOURS))).post(take).then().statusCode(409);

        as("admin").body(window(cat, end, start)).post(take).then().statusCode(400).body("errors.field", hasItem("end"));
        as("admin").body(window("nobody-" + cat, start, end)).post(take).then().statusCode(400)
                .body("errors.field", hasItem("user"));
        as("viewer").get("/api/schedules/" + schedule).then().body("schedule.overrides.size()", equalTo(2));
    }

    private static String window(String user, Instant start, Instant end) {
        return "{\"user\":\"" + user + "\",\"start\":\"" + start + "\",\"end\":\"" + end + "\"}";
    }
}
