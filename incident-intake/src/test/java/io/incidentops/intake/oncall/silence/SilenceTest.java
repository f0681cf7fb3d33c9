package io.incidentops.intake.oncall.silence;

import io.incidentops.events.EventType;
import io.incidentops.events.intake.NotificationRequested;
import io.incidentops.events.intake.PagingSuppressed;
import io.incidentops.events.intake.RespondersPaged;
import io.incidentops.events.model.Responder;
import io.incidentops.intake.support.TestClock;
import io.incidentops.testsupport.KafkaTestClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.intake.support.Fixtures.awaitEvents;
import static io.incidentops.intake.support.Fixtures.before;
import static io.incidentops.intake.support.Fixtures.data;
import static io.incidentops.intake.support.Fixtures.hasType;
import static io.incidentops.intake.support.Fixtures.integration;
import static io.incidentops.testsupport.TestIds.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Silences and maintenance windows against the real broker and database: a matching one keeps the escalation from
 * paging (the incident is declared all the same, the API says which silence held it back) and paging resumes when it
 * ends, unless someone acknowledged meanwhile; a non-matching or expired one changes nothing.
 */
@QuarkusTest
class SilenceTest {

    private final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    TestClock clock;

    @Inject
    Silences silences;

    @AfterEach
    void close() {
        clock.reset();
        kafka.close();
    }

    /** A service whose policy pages one user by e-mail at once (one rule, no loops); returns the service's name. */
    private static String pagedService() {
        String user = unique("silenced").replaceAll("[^A-Za-z0-9_.-]", "");
        as("admin").body("{\"user\":{\"id\":\"" + user + "\",\"name\":\"Sam Silence\",\"email\":\"" + user + "@example.com\"}}")
                .post("/api/users").then().statusCode(201);
        String policy = as("admin").body("{\"escalation_policy\":{\"name\":\"One rule\",\"num_loops\":0,\"escalation_rules\":["
                        + "{\"escalation_delay\":\"PT5S\",\"targets\":[{\"type\":\"user\",\"id\":\"" + user + "\"}]}]}}")
                .post("/api/escalation-policies").then().statusCode(201).extract().path("escalation_policy.id");
        String service = unique("maint");
        as("admin").body("{\"service\":{\"name\":\"" + service + "\",\"escalation_policy_id\":\"" + policy + "\"}}")
                .post("/api/services").then().statusCode(201);
        return service;
    }

    private static String declare(String service, Map<String, String> labels) {
        return declare(service, "P2", labels);
    }

    /** An alert of its own (dedup key) per severity: service + summary would make them one alert. */
    private static String declare(String service, String severity, Map<String, String> labels) {
        Map<String, Object> body = new HashMap<>(Map.of("service", service, "summary", "Disk full on " + service,
                "severity", severity, "labels", labels, "fingerprint", service + "-" + severity));
        return integration().body(body).post("/api/alerts").then().statusCode(202).extract().path("incidentId");
    }

    private static String silence(String matchers, Instant endsAt) {
        return as("admin").body("{\"matchers\":" + matchers + ",\"startsAt\":\"" + Instant.now() + "\",\"endsAt\":\"" + endsAt
                        + "\",\"createdBy\":\"Ops Person\",\"comment\":\"planned maintenance\"}")
                .post("/api/silences").then().statusCode(201).extract().path("silenceID");
    }

    private static String serviceIs(String service) {
        return "[{\"name\":\"service\",\"value\":\"" + service + "\",\"isRegex\":false,\"isEqual\":true}]";
    }

    private static ValidatableResponse awaitSuppressed(String incidentId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> as("viewer").get("/api/incidents/" + incidentId
                + "/paging-suppressions").then().statusCode(200).extract().<List<?>>path("suppressions").size() > 0);
        return as("viewer").get("/api/incidents/" + incidentId + "/paging-suppressions").then();
    }

    private List<NotificationRequested> awaitPages(String incidentId, int count) {
        return data(awaitEvents(kafka, incidentId, r -> hasType(r, EventType.INCIDENT_NOTIFICATION_REQUESTED, count)),
                EventType.INCIDENT_NOTIFICATION_REQUESTED, NotificationRequested.class);
    }

    private void resolve(String incidentId) {
        as("commander").body("{\"rootCause\":\"test\"}").post("/api/incidents/" + incidentId + "/resolve").then().statusCode(200);
    }

    @Test
    void aMatchingSilenceHoldsThePageBackUntilItIsExpired() {
        String service = pagedService();
        String silence = silence(serviceIs(service), Instant.now().plus(Duration.ofHours(1)));
        String id = declare(service, Map.of());

        as("viewer").get("/api/incidents/" + id).then().statusCode(200).body("status", equalTo("DECLARED"));
        awaitSuppressed(id).body("suppressed", equalTo(true)).body("suppressions[0].silenceId", equalTo(silence));
        as("viewer").get("/api/silences/" + silence).then().body("status.state", equalTo("active"));
        PagingSuppressed told = data(awaitEvents(kafka, id, r -> hasType(r, EventType.INCIDENT_PAGING_SUPPRESSED, 1)),
                EventType.INCIDENT_PAGING_SUPPRESSED, PagingSuppressed.class).get(0);
        assertThat(told.silences()).as("the timeline learns why nobody was woken")
                .containsExactly(new PagingSuppressed.Silence(silence, "planned maintenance", "Ops Person"));
        assertThat(told.until()).isAfter(Instant.now().plus(Duration.ofMinutes(50)));
        assertThat(data(before(awaitEvents(kafka, id, r -> hasType(r, EventType.INCIDENT_PAGING_SUPPRESSED, 1)),
                EventType.INCIDENT_PAGING_SUPPRESSED), EventType.INCIDENT_RESPONDERS_PAGED, RespondersPaged.class))
                .as("the held-back declaration claims nobody was paged").isEmpty();

        Instant expired = Instant.now();
        as("admin").delete("/api/silences/" + silence).then().statusCode(200).body("status.state", equalTo("expired"));
        // the page comes once the silence is gone, not before, and says whom it reached
        NotificationRequested page = awaitPages(id, 1).get(0);
        assertThat(page.requestedAt()).isAfterOrEqualTo(expired);
        assertThat(page.rule()).isEqualTo(1);
        RespondersPaged paged = data(awaitEvents(kafka, id, r -> hasType(r, EventType.INCIDENT_RESPONDERS_PAGED, 1)),
                EventType.INCIDENT_RESPONDERS_PAGED, RespondersPaged.class).get(0);
        assertThat(paged.responders()).containsExactly(
                new Responder("Sam Silence", "escalation rule 1", page.userId() + "@example.com"));
        assertThat(paged.pagedAt()).isEqualTo(page.requestedAt());
        as("viewer").get("/api/incidents/" + id + "/paging-suppressions").then().body("suppressed", equalTo(false));
        given().get("/q/metrics").then().statusCode(200).body(containsString("incidentops_intake_pages_suppressed_total"));
        resolve(id);
    }

    @Test
    void pagingResumesWhenTheSilenceEndsOnItsOwn() {
        String service = pagedService();
        // long enough for the declaration and the first step to happen inside it on a busy machine
        Instant ends = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.MILLIS);
        silence(serviceIs(service), ends);
        String id = declare(service, Map.of());

        awaitSuppressed(id).body("suppressions[0].until", equalTo(ends.toString()));
        assertThat(awaitPages(id, 1).get(0).requestedAt()).isAfterOrEqualTo(ends);
        resolve(id);
    }

    @Test
    void acknowledgedDuringTheSilenceNobodyIsPagedAfterIt() {
        String service = pagedService();
        String silence = silence(serviceIs(service), Instant.now().plus(Duration.ofHours(1)));
        String id = declare(service, Map.of());
        awaitSuppressed(id);

        as("responder").body("{}").post("/api/incidents/" + id + "/acknowledge").then().statusCode(200);
        as("admin").post("/api/silences/" + silence + "/expire").then().statusCode(200);
        resolve(id);
        List<ConsumerRecord<String, String>> all = awaitEvents(kafka, id, r -> hasType(r, EventType.INCIDENT_RESOLVED, 1));
        assertThat(data(before(all, EventType.INCIDENT_RESOLVED), EventType.INCIDENT_NOTIFICATION_REQUESTED,
                NotificationRequested.class)).isEmpty();
    }

    @Test
    void aReopeningDuringASilencePagesNobodyUntilItEnds() {
        String service = pagedService();
        String id = declare(service, Map.of());
        awaitPages(id, 1);
        resolve(id);
        String silence = silence(serviceIs(service), Instant.now().plus(Duration.ofHours(1)));

        as("commander").body("{\"reason\":\"back during the maintenance\"}").post("/api/incidents/" + id + "/reopen")
                .then().statusCode(200);
        // the restarted escalation is held back, and the reopening claims nobody was paged
        List<ConsumerRecord<String, String>> held = awaitEvents(kafka, id,
                r -> hasType(r, EventType.INCIDENT_PAGING_SUPPRESSED, 1));
        List<ConsumerRecord<String, String>> sinceReopen = held.subList(before(held, EventType.INCIDENT_REOPENED).size(),
                held.size());
        assertThat(data(sinceReopen, EventType.INCIDENT_NOTIFICATION_REQUESTED, NotificationRequested.class)).isEmpty();
        assertThat(data(sinceReopen, EventType.INCIDENT_RESPONDERS_PAGED, RespondersPaged.class)).isEmpty();

        as("admin").post("/api/silences/" + silence + "/expire").then().statusCode(200);
        NotificationRequested again = awaitPages(id, 2).get(1);
        assertThat(again.rule()).isEqualTo(1);
        resolve(id);
    }

    @Test
    void aSilenceOfAnotherServiceOrAnExpiredOneChangesNothing() {
        String service = pagedService();
        silence(serviceIs(service + "-other"), Instant.now().plus(Duration.ofHours(1)));
        String expired = silence(serviceIs(service), Instant.now().plus(Duration.ofHours(1)));
        as("admin").post("/api/silences/" + expired + "/expire").then().statusCode(200);

        String id = declare(service, Map.of());
        assertThat(awaitPages(id, 1)).hasSize(1);
        as("viewer").get("/api/incidents/" + id + "/paging-suppressions").then().statusCode(200)
                .body("suppressed", equalTo(false)).body("suppressions", empty());
        resolve(id);
    }

    @Test
    void aRegexMatcherOnAnAlertLabelSilences() {
        String service = pagedService();
        String env = unique("staging").replaceAll("[^A-Za-z0-9]", "");
        String silence = silence("[{\"name\":\"env\",\"value\":\"" + env + "-(eu|us)\",\"isRegex\":true},"
                + "{\"name\":\"service\",\"value\":\"" + service + "\"}]", Instant.now().plus(Duration.ofHours(1)));

        String silenced = declare(service, Map.of("env", env + "-eu"));
        awaitSuppressed(silenced).body("suppressions.silenceId", hasItem(silence));
        // the declaration matched the silence on its first alert's label too: it announced nobody as paged
        assertThat(data(before(awaitEvents(kafka, silenced, r -> hasType(r, EventType.INCIDENT_PAGING_SUPPRESSED, 1)),
                EventType.INCIDENT_PAGING_SUPPRESSED), EventType.INCIDENT_RESPONDERS_PAGED, RespondersPaged.class))
                .as("a declaration held back by a silence on an alert label claims nobody was paged").isEmpty();
        resolve(silenced);

        // anchored: "<env>-eu2" is not "<env>-eu" (another service: a new incident, not a reopened one)
        String other = pagedService();
        silence("[{\"name\":\"env\",\"value\":\"" + env + "-(eu|us)\",\"isRegex\":true},"
                + "{\"name\":\"service\",\"value\":\"" + other + "\"}]", Instant.now().plus(Duration.ofMinutes(10)));
        String paged = declare(other, Map.of("env", env + "-eu2"));
        assertThat(awaitPages(paged, 1)).hasSize(1);
        as("viewer").get("/api/incidents/" + paged + "/paging-suppressions").then().body("suppressions", empty());
        resolve(paged);
        as("admin").delete("/api/silences/" + silence).then().statusCode(200);
    }

    @Test
    void aMoreSevereAlertThatNoSilenceMatchesAnnouncesWhomItPages() {
        String service = pagedService();
        String instance = unique("db").replaceAll("[^A-Za-z0-9]", "");
        String silence = silence("[{\"name\":\"instance\",\"value\":\"" + instance + "\"}]",
                Instant.now().plus(Duration.ofHours(1)));
        String id = declare(service, "P3", Map.of("instance", instance));
        awaitSuppressed(id);

        // a P1 alert of another instance joins: the silence covers only the first alert, so the raise pages
        assertThat(declare(service, "P1", Map.of("instance", instance + "b"))).isEqualTo(id);
        RespondersPaged paged = data(awaitEvents(kafka, id, r -> hasType(r, EventType.INCIDENT_RESPONDERS_PAGED, 1)),
                EventType.INCIDENT_RESPONDERS_PAGED, RespondersPaged.class).get(0);
        assertThat(paged.severity().name()).isEqualTo("P1");
        assertThat(paged.responders()).isNotEmpty();
        resolve(id);
        as("admin").delete("/api/silences/" + silence).then().statusCode(200);
    }

    @Test
    void aRecurringWindowInBerlinKeepsItsLocalTimeAcrossTheDstChange() {
        clock.stopAt(Instant.parse("2027-03-20T12:00:00Z"), ZoneOffset.UTC);
        String id = as("admin").body("{\"matchers\":" + serviceIs(unique("db")) + ",\"startsAt\":\"2027-03-01T00:00:00Z\","
                        + "\"endsAt\":\"2027-12-31T00:00:00Z\",\"createdBy\":\"DBA\",\"comment\":\"weekly patching\","
                        + "\"recurrence\":{\"timeZone\":\"Europe/Berlin\",\"days\":[\"MONDAY\"],\"startTime\":\"09:00\",\"duration\":\"PT2H\"}}")
                .post("/api/silences").then().statusCode(201).extract().path("silenceID");
        as("viewer").get("/api/silences/" + id).then().body("status.state", equalTo("pending"))
                .body("nextActiveAt", equalTo("2027-03-22T08:00:00Z"))
                .body("recurrence.startTime", equalTo("09:00"))
                .body("matchers[0].isRegex", equalTo(false)).body("matchers[0].isEqual", equalTo(true))
                .body("matchers[0].keySet()", equalTo(Set.of("name", "value", "isRegex", "isEqual")));

        clock.stopAt(Instant.parse("2027-03-22T08:30:00Z"), ZoneOffset.UTC); // 09:30 CET
        as("viewer").get("/api/silences/" + id).then().body("status.state", equalTo("active"));
        as("viewer").get("/api/silences?state=active").then().body("id", hasItem(id));
        clock.stopAt(Instant.parse("2027-03-22T10:30:00Z"), ZoneOffset.UTC); // 11:30 CET
        as("viewer").get("/api/silences/" + id).then().body("status.state", equalTo("pending"))
                .body("nextActiveAt", equalTo("2027-03-29T07:00:00Z")); // 09:00 CEST
        as("viewer").get("/api/silences?state=active").then().body("id", not(hasItem(id)));
        clock.stopAt(Instant.parse("2027-03-29T07:30:00Z"), ZoneOffset.UTC); // 09:30 CEST: 08:30 CET a week earlier
        as("viewer").get("/api/silences/" + id).then().body("status.state", equalTo("active"));
        clock.stopAt(Instant.parse("2027-12-31T00:00:00Z"), ZoneOffset.UTC);
        as("viewer").get("/api/silences/" + id).then().body("status.state", equalTo("expired"));
        as("viewer").get("/api/silences?state=expired").then().body("id", hasItem(id));
    }

    @Test
    void aWindowActiveNowHoldsThePageBack() {
        String service = pagedService();
        String window = as("admin").body("{\"matchers\":" + serviceIs(service) + ",\"startsAt\":\"" + Instant.now()
                        + "\",\"endsAt\":\"" + Instant.now().plus(Duration.ofDays(30)) + "\",\"createdBy\":\"Ops\",\"comment\":\"every day\","
                        + "\"recurrence\":{\"timeZone\":\"Europe/Berlin\",\"days\":[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\","
                        + "\"FRIDAY\",\"SATURDAY\",\"SUNDAY\"],\"startTime\":\"00:00\",\"duration\":\"P1D\"}}")
                .post("/api/silences").then().statusCode(201).extract().path("silenceID");
        String id = declare(service, Map.of());
        awaitSuppressed(id).body("suppressions[0].silenceId", equalTo(window));
        resolve(id);
        as("admin").delete("/api/silences/" + window).then().statusCode(200);
    }

    /**
     * A writer transaction that declares many incidents reads the silences once and asks at each declaration's own
     * time: a silence that starts or ends between two questions is seen doing so, and an earlier time reads again.
     */
    @Test
    void oneTransactionSeesASilenceStartAndEndBetweenItsQuestions() {
        String service = unique("later");
        Instant start = Instant.now().plus(Duration.ofHours(1));
        String later = as("admin").body("{\"matchers\":" + serviceIs(service) + ",\"startsAt\":\"" + start
                        + "\",\"endsAt\":\"" + start.plus(Duration.ofHours(1)) + "\",\"createdBy\":\"Ops\",\"comment\":\"later\"}")
                .post("/api/silences").then().statusCode(201).extract().path("silenceID");

        List<Boolean> held = QuarkusTransaction.requiringNew().call(() -> Stream.of(start.plusSeconds(1),
                        start.minusSeconds(1), start.plus(Duration.ofMinutes(90)), start.plus(Duration.ofMinutes(30)))
                .map(at -> silences.suppressing(Map.of(), service, null, at).isPresent()).toList());

        assertThat(held).containsExactly(true, false, false, true);
        as("admin").delete("/api/silences/" + later).then().statusCode(200);
    }

    @Test
    void theAuditTrailSaysWhoCreatedAndExpiredWhat() {
        String id = silence(serviceIs(unique("audited")), Instant.now().plus(Duration.ofHours(1)));
        as("admin").delete("/api/silences/" + id).then().statusCode(200).body("expiredBy", equalTo("admin-user"));
        as("admin").delete("/api/silences/" + id).then().statusCode(409);

        as("viewer").get("/api/silences/" + id + "/audit").then().statusCode(200).body("total", equalTo(2))
                .body("entries.action", equalTo(List.of("expired", "created")))
                .body("entries.actor", equalTo(List.of("admin-user", "admin-user")))
                .body("entries[1].detail", equalTo("planned maintenance"));
        as("viewer").get("/api/silences/audit?limit=100").then().statusCode(200).body("entries.silenceId", hasItem(id));
        as("viewer").get("/api/silences/" + id).then().body("createdBy", equalTo("Ops Person"))
                .body("status.state", equalTo("expired"));
    }

    @Test
    void badSilencesAreRefusedAndNothingIsStored() {
        int before = as("viewer").get("/api/silences").then().statusCode(200).extract().path("size()");
        String ok = "\"startsAt\":\"" + Instant.now() + "\",\"endsAt\":\"" + Instant.now().plusSeconds(3600)
                + "\",\"createdBy\":\"a\",\"comment\":\"c\"";
        String env = "[{\"name\":\"env\",\"value\":\"x\"}]";
        refused("{\"matchers\":[]," + ok + "}", "matchers");
        refused("{" + ok + "}", "matchers");
        refused("{\"matchers\":[{\"name\":\"env\",\"value\":\"(\",\"isRegex\":true}]," + ok + "}", "matchers[0].value");
        refused("{\"matchers\":[{\"name\":\"env\",\"value\":\".*\",\"isRegex\":true}]," + ok + "}", "matchers");
        refused("{\"matchers\":[{\"name\":\"bad-name\",\"value\":\"x\"}]," + ok + "}", "matchers[0].name");
        refused("{\"matchers\":[{\"name\":\"env\",\"value\":\"" + "x".repeat(Matcher.MAX_VALUE + 1) + "\"}]," + ok + "}",
                "matchers[0].value");
        refused("{\"matchers\":[" + "{\"name\":\"env\",\"value\":\"x\"},".repeat(Silences.MAX_MATCHERS)
                + "{\"name\":\"env\",\"value\":\"x\"}]," + ok + "}", "matchers");
        refused("{\"matchers\":" + env + ",\"startsAt\":\"" + Instant.now().plusSeconds(60) + "\",\"endsAt\":\""
                + Instant.now().plusSeconds(30) + "\",\"createdBy\":\"a\",\"comment\":\"c\"}", "endsAt");
        refused("{\"matchers\":" + env + ",\"startsAt\":\"" + Instant.now() + "\",\"endsAt\":\""
                + Instant.now().plusSeconds(60) + "\",\"comment\":\"c\"}", "createdBy");
        refused("{\"matchers\":" + env + "," + ok + ",\"recurrence\":{\"timeZone\":\"Europe/Berlin\",\"days\":[\"Caturday\"],"
                + "\"startTime\":\"09:00\",\"duration\":\"PT1H\"}}", "recurrence.days");
        as("viewer").get("/api/silences?state=sleeping").then().statusCode(400);
        as("viewer").get("/api/silences/not-a-uuid").then().statusCode(404);
        as("viewer").body("{\"matchers\":" + env + "," + ok + "}").post("/api/silences").then().statusCode(403);
        as("viewer").get("/api/silences").then().body("size()", equalTo(before));
    }

    private static void refused(String body, String field) {
        as("admin").body(body).post("/api/silences").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(field));
    }
}
