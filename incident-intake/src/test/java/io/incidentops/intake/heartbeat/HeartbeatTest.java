package io.incidentops.intake.heartbeat;

import io.incidentops.events.EventType;
import io.incidentops.events.intake.NotificationRequested;
import io.incidentops.intake.support.TestClock;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.intake.support.Fixtures.awaitEvents;
import static io.incidentops.intake.support.Fixtures.data;
import static io.incidentops.intake.support.Fixtures.hasType;
import static io.incidentops.testsupport.TestIds.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Opsgenie's Heartbeat API (bodies from docs.opsgenie.com "Heartbeat API" and opsgenie-go-sdk-v2 {@code heartbeat/}):
 * management in Opsgenie's shapes, pings, and a missed heartbeat raising one alert that pages its owning team, resolved
 * by the next ping; the time is the test clock's, the expiry worker is run by the test.
 */
@QuarkusTest
class HeartbeatTest {

    /** The test profile gives this team an escalation policy of this id (application.properties). */
    private static final String TEAM = "heartbeat-owners";
    private static final String TEAM_POLICY = "heartbeat-owners-policy";
    private static final String UUID_PATTERN = "[0-9a-f-]{36}";

    @Inject
    TestClock clock;

    @Inject
    HeartbeatExpiry expiry;

    @Inject
    Heartbeats heartbeats;

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void reset() {
        clock.reset();
        kafka.close();
    }

    static RequestSpecification genie() {
        return given().contentType("application/json").header("Authorization", "GenieKey " + InfraTestResource.integrationKey());
    }

    private static String create(String name, String interval, String unit, boolean enabled) {
        genie().body("{\"name\":\"" + name + "\",\"description\":\"Nightly billing export\",\"interval\":" + interval
                        + ",\"intervalUnit\":\"" + unit + "\",\"enabled\":" + enabled + ",\"ownerTeam\":{\"name\":\"" + TEAM
                        + "\"},\"alertMessage\":null,\"alertTags\":[\"billing\",\"cron\"],\"alertPriority\":\"P2\"}")
                .post("/v2/heartbeats").then().statusCode(201);
        return name;
    }

    @Test
    void managedInOpsgeniesShapes() {
        String name = create(unique("billing-export"), "10", "minutes", false);
        genie().get("/v2/heartbeats/" + name).then().statusCode(200)
                .body("data.name", equalTo(name)).body("data.description", equalTo("Nightly billing export"))
                .body("data.interval", equalTo(10)).body("data.intervalUnit", equalTo("minutes"))
                .body("data.enabled", equalTo(false)).body("data.expired", equalTo(false))
                .body("data.ownerTeam.name", equalTo(TEAM)).body("data.alertMessage", equalTo(name + " is expired"))
                .body("data.alertTags", equalTo(List.of("billing", "cron"))).body("data.alertPriority", equalTo("P2"))
                .body("took", notNullValue()).body("requestId", matchesPattern(UUID_PATTERN));
        genie().get("/v2/heartbeats").then().statusCode(200).body("data.heartbeats.name", hasItem(name));
        genie().body("{\"name\":\"" + name + "\",\"interval\":1,\"intervalUnit\":\"hours\",\"enabled\":true}")
                .post("/v2/heartbeats").then().statusCode(409).body("message", equalTo("Heartbeat with name [" + name + "] already exists"));

        // a partial update (PATCH), opsgenie-go-sdk-v2's comma-separated tags
        genie().body("{\"interval\":2,\"intervalUnit\":\"hours\",\"alertTags\":\"nightly, export\"}")
                .patch("/v2/heartbeats/" + name).then().statusCode(200)
                .body("data.interval", equalTo(2)).body("data.intervalUnit", equalTo("hours"))
                .body("data.alertTags", equalTo(List.of("nightly", "export"))).body("data.description", equalTo("Nightly billing export"));
        genie().post("/v2/heartbeats/" + name + "/enable").then().statusCode(200).body("data.enabled", equalTo(true));
        genie().post("/v2/heartbeats/" + name + "/disable").then().statusCode(200).body("data.enabled", equalTo(false));
        genie().delete("/v2/heartbeats/" + name).then().statusCode(200).body("result", equalTo("Deleted"))
                .body("requestId", matchesPattern(UUID_PATTERN));
        genie().get("/v2/heartbeats/" + name).then().statusCode(404)
                .body("message", equalTo("Heartbeat with name [" + name + "] does not exist")).body("requestId", notNullValue());
        genie().get("/v2/heartbeats/" + name + "/ping").then().statusCode(404);
        genie().delete("/v2/heartbeats/" + name).then().statusCode(404);
    }

    @Test
    void badInputIsRefusedInOpsgeniesShapeAndNothingIsStored() {
        String name = unique("bad-heartbeat");
        genie().body("{\"name\":\"" + name + "\",\"interval\":0,\"intervalUnit\":\"weeks\",\"enabled\":\"yes\","
                        + "\"alertPriority\":\"P9\",\"ownerTeam\":\"ops\",\"alertTags\":[1]}")
                .post("/v2/heartbeats").then().statusCode(422)
                .body("message", equalTo("Request body is not processable. Please check the errors."))
                .body("errors", hasKey("interval")).body("errors", hasKey("intervalUnit")).body("errors", hasKey("enabled"))
                .body("errors", hasKey("alertPriority")).body("errors", hasKey("ownerTeam")).body("errors", hasKey("alertTags"));
        genie().body("{\"interval\":5,\"intervalUnit\":\"minutes\"}").post("/v2/heartbeats").then().statusCode(422)
                .body("errors", hasKey("name"));
        genie().body("{\"name\":\"a/b\",\"interval\":5,\"intervalUnit\":\"minutes\"}").post("/v2/heartbeats").then()
                .statusCode(422).body("errors", hasKey("name"));
        genie().body("{nope").post("/v2/heartbeats").then().statusCode(400).body("message", notNullValue());
        genie().body("{\"name\":\"" + name + "\",\"interval\":5,\"intervalUnit\":\"minutes\",\"description\":\"a\\u0000b\"}")
                .post("/v2/heartbeats").then().statusCode(422);
        genie().get("/v2/heartbeats/" + name).then().statusCode(404);

        // the integration key, and only as Opsgenie sends it
        given().get("/v2/heartbeats").then().statusCode(401).body("message", equalTo("Could not authenticate"));
        given().header("Authorization", "GenieKey wrong").get("/v2/heartbeats").then().statusCode(401);
        given().header("Authorization", "Bearer " + InfraTestResource.integrationKey()).get("/v2/heartbeats")
                .then().statusCode(401);
        String existing = create(unique("patched"), "5", "minutes", false);
        genie().body("{\"interval\":-1}").patch("/v2/heartbeats/" + existing).then().statusCode(422)
                .body("errors", hasKey("interval"));
        genie().get("/v2/heartbeats/" + existing).then().body("data.interval", equalTo(5));
    }

    @Test
    void aMissedHeartbeatPagesItsTeamOnceAndAPingResolvesIt() {
        String user = ownerTeamPolicy();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.stopAt(t0, ZoneOffset.UTC);
        String name = create(unique("nightly-backup"), "5", "minutes", true);
        for (String method : List.of("GET", "POST", "PUT", "PATCH")) {
            genie().request(method, "/v2/heartbeats/" + name + "/ping").then().statusCode(202)
                    .body("result", equalTo("PONG - Heartbeat received")).body("took", notNullValue())
                    .body("requestId", matchesPattern(UUID_PATTERN));
        }
        clock.stopAt(t0.plus(Duration.ofMinutes(4)), ZoneOffset.UTC);
        expiry.runRounds(10);
        genie().get("/v2/heartbeats/" + name).then().body("data.expired", equalTo(false));

        clock.stopAt(t0.plus(Duration.ofMinutes(6)), ZoneOffset.UTC);
        expiry.runRounds(10);
        expiry.runRounds(10); // a second round (another replica's) finds nothing more to raise
        genie().get("/v2/heartbeats/" + name).then().body("data.expired", equalTo(true));
        String id = incidentOf(name);
        as("viewer").get("/api/incidents/" + id).then().body("severity", equalTo("P2")).body("alertCount", equalTo(1))
                .body("title", equalTo(name + " is expired"));
        var records = awaitEvents(kafka, id, r -> hasType(r, EventType.INCIDENT_NOTIFICATION_REQUESTED, 1));
        List<NotificationRequested> pages = data(records, EventType.INCIDENT_NOTIFICATION_REQUESTED, NotificationRequested.class);
        assertThat(pages).extracting(NotificationRequested::userId).containsExactly(user);

        clock.stopAt(t0.plus(Duration.ofMinutes(7)), ZoneOffset.UTC);
        genie().post("/v2/heartbeats/" + name + "/ping").then().statusCode(202);
        genie().get("/v2/heartbeats/" + name).then().body("data.expired", equalTo(false));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            expiry.runRounds(10);
            as("viewer").get("/api/incidents/" + id + "/alerts").then()
                    .body("items[0].status", equalTo("resolved")).body("items[0].dedupKey", equalTo("heartbeat:" + name));
        });
        as("viewer").get("/api/incidents/" + id).then().body("alertCount", equalTo(1));
    }

    @Test
    void replicasClaimingAtOnceRaiseOneAlert() throws Exception {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.stopAt(t0, ZoneOffset.UTC);
        String name = create(unique("replicated"), "1", "minutes", true);
        clock.stopAt(t0.plus(Duration.ofMinutes(2)), ZoneOffset.UTC);
        ExecutorService replicas = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<Heartbeats.Notice>>> claims = new ArrayList<>();
            for (int i = 0; i < 4; i++) claims.add(() -> heartbeats.claim(100, Duration.ofSeconds(30)));
            List<Heartbeats.Notice> claimed = new ArrayList<>();
            for (Future<List<Heartbeats.Notice>> f : replicas.invokeAll(claims)) claimed.addAll(f.get());
            assertThat(claimed).filteredOn(n -> n.heartbeat().equals(name))
                    .containsExactly(new Heartbeats.Notice(name, Heartbeats.Notice.EXPIRED));
        } finally {
            replicas.shutdownNow();
        }
        // the claim's lease holds it from the other replicas' rounds until it runs out
        assertThat(heartbeats.claim(100, Duration.ofSeconds(30))).noneMatch(n -> n.heartbeat().equals(name));
        clock.stopAt(t0.plus(Duration.ofMinutes(3)), ZoneOffset.UTC);
        expiry.runRounds(10);
        as("viewer").get("/api/incidents/" + incidentOf(name)).then().body("alertCount", equalTo(1));
    }

    /** The open incident of the heartbeat's alert (its service is the heartbeat's name). */
    private static String incidentOf(String name) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> as("viewer").queryParam("open", true)
                .queryParam("size", 100).get("/api/incidents").then().extract()
                .<String>path("items.find { it.service == '" + name + "' }.id"), id -> id != null);
    }

    /** A user paged at once by the team's policy (created on first use; the test profile maps the team to it). */
    private static String ownerTeamPolicy() {
        String user = unique("hb").replaceAll("[^A-Za-z0-9_.-]", "");
        as("admin").body("{\"user\":{\"id\":\"" + user + "\",\"name\":\"Hana Beat\",\"email\":\"" + user + "@example.com\"}}")
                .post("/api/users").then().statusCode(201);
        String policy = "{\"escalation_policy\":{\"id\":\"" + TEAM_POLICY + "\",\"name\":\"Heartbeat owners\",\"num_loops\":0,"
                + "\"escalation_rules\":[{\"escalation_delay\":\"PT5M\",\"targets\":[{\"type\":\"user\",\"id\":\"" + user + "\"}]}]}}";
        if (as("admin").body(policy).post("/api/escalation-policies").statusCode() == 409) {
            as("admin").body(policy).put("/api/escalation-policies/" + TEAM_POLICY).then().statusCode(200);
        }
        return user;
    }
}
