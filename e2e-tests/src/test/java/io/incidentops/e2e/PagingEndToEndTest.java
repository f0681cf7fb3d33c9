package io.incidentops.e2e;

import io.incidentops.local.DemoTeam;
import io.incidentops.local.LocalStack;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A page reaches a human on the local stack (issue #9, "Checked by"): people, a schedule and a two-rule policy made
 * through intake's REST API; a P2 alert; the on-call user's page in the stack's mailbox ({@code MAILBOX_URL} of
 * stack.env, a real SMTP server comms sends to); the second rule's page after its delay; the ack link; then silence;
 * after resolution, the PIR's calendar invite in the mailbox of each person paged.
 */
@ExtendWith(SharedStack.class)
class PagingEndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration DELAY = Duration.ofSeconds(5);
    private static final Pattern ACK_LINK = Pattern.compile("(http://\\S+/ack/\\S+)");

    private static LocalStack stack;
    private static String token;
    private static String mailboxUrl;

    @BeforeAll
    static void useSharedStack() throws IOException {
        stack = SharedStack.stack();
        token = stack.infra().security().token("olivia", Set.of("viewer", "responder", "commander", "admin"),
                Duration.ofHours(1));
        mailboxUrl = Files.readAllLines(SharedStack.targetDir().resolve("stack.env")).stream()
                .filter(l -> l.startsWith("MAILBOX_URL=")).map(l -> l.substring("MAILBOX_URL=".length()))
                .findFirst().orElseThrow(() -> new AssertionError("stack.env has no MAILBOX_URL"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void pageReachesTheOnCallUserEscalatesUntilAcknowledgedAndStopsThen() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String ana = "e2e-" + run + "-ana";
        String ben = "e2e-" + run + "-ben";
        String anaMail = "ana." + run + "@example.com";
        String benMail = "ben." + run + "@example.com";
        create("/api/users", Map.of("user", user(ana, "Ana Lima", anaMail)));
        create("/api/users", Map.of("user", user(ben, "Ben Okoro", benMail)));
        // a weekly rotation that started yesterday: Ana is on call now, Ben next week
        String schedule = "e2e-" + run + "-weekly";
        create("/api/schedules", Map.of("schedule", Map.of("id", schedule, "name", "Ledger " + run, "time_zone", "UTC",
                "schedule_layers", List.of(Map.of("start", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString(),
                        "handoff_time", "09:00", "rotation_interval", "P7D", "users", List.of(ana, ben))))));
        assertThat(intake().get("/api/oncalls?schedule=" + schedule).then().statusCode(200).extract().jsonPath()
                .getList("oncalls.user.id", String.class)).containsExactly(ana);
        // rule 1: whoever is on call, at once; rule 2: Ben, 5 s later; then once more from rule 1 (num_loops 1), so
        // something is still due when Ben acknowledges
        String policy = "e2e-" + run + "-policy";
        create("/api/escalation-policies", Map.of("escalation_policy", Map.of("id", policy, "name", "Ledger " + run,
                "num_loops", 1, "escalation_rules", List.of(
                        Map.of("escalation_delay", DELAY.toString(), "targets", List.of(Map.of("type", "schedule", "id", schedule))),
                        Map.of("escalation_delay", DELAY.toString(), "targets", List.of(Map.of("type", "user", "id", ben)))))));
        String service = "ledger-" + run;
        create("/api/services", Map.of("service", Map.of("name", service, "escalation_policy_id", policy)));
        create("/api/services", Map.of("service", Map.of("name", service + "-marker", "escalation_policy_id", policy)));

        String id = fireP2(service, "Ledger writes are failing");
        Instant detectedAt = Instant.parse(intake().get("/api/incidents/" + id).then().statusCode(200).extract()
                .jsonPath().getString("detectedAt"));

        // 1. Ana, on call, is paged by e-mail at once
        Map<String, Object> first = await().atMost(PATIENCE).until(() -> mailsAbout(id), m -> !m.isEmpty()).get(0);
        assertThat((List<Object>) first.get("to")).containsExactly(anaMail);
        assertThat((String) first.get("subject")).startsWith("[P2] " + id).contains("you are paged")
                .doesNotContain("escalated");
        assertThat((String) first.get("body")).contains(id, "Escalation rule 1,").containsPattern(ACK_LINK);

        // 2. Nobody acknowledges: rule 2 pages Ben, not before the delay
        List<Map<String, Object>> two = await().atMost(PATIENCE).until(() -> mailsAbout(id), m -> m.size() >= 2);
        Map<String, Object> second = two.get(1);
        assertThat((List<Object>) second.get("to")).containsExactly(benMail);
        assertThat((String) second.get("subject")).contains(id, "escalated, rule 2");
        Instant benPagedAt = Instant.parse((String) second.get("receivedAt"));
        assertThat(benPagedAt).isAfterOrEqualTo(detectedAt.plus(DELAY));

        // 3. Ben follows his link: GET only shows a confirmation (mail scanners open links), POST acknowledges
        String link = ackLink((String) second.get("body"));
        given().get(link).then().statusCode(200);
        assertThat(intake().get("/api/incidents/" + id).then().extract().jsonPath().getString("acknowledgedAt")).isNull();
        given().post(link).then().statusCode(200);
        assertThat(intake().get("/api/incidents/" + id).then().extract().jsonPath().getString("acknowledgedAt"))
                .isNotNull();

        // 4. No more pages: the second pass would have paged Ana DELAY after Ben. Let that moment pass, then send a
        // marker page down the same path (same policy, so the same escalation worker, topic and mail worker); once it
        // has arrived, a page of the acknowledged incident due before it would have arrived too.
        Duration untilSecondPassWasDue = Duration.between(Instant.now(), benPagedAt.plus(DELAY).plusSeconds(2));
        if (!untilSecondPassWasDue.isNegative()) {
            Thread.sleep(untilSecondPassWasDue.toMillis());
        }
        String marker = fireP2(service + "-marker", "Ledger marker");
        await().atMost(PATIENCE).until(() -> mailsAbout(marker), m -> !m.isEmpty());
        assertThat(mailsAbout(id)).as("pages of %s after Ben acknowledged", id).hasSize(2);
        assertThat(comms().get("/api/incidents/" + id + "/notifications").then().statusCode(200).extract()
                .jsonPath().getList("notifications.userId", String.class)).containsExactly(ana, ben);

        // 5. Resolved: the reporter's PIR invite (a P2's review is recommended) reaches the people paged, once each,
        // with the calendar request attached
        intake().contentType(ContentType.JSON).body(Map.of("rootCause", "Ledger disk full")).post("/api/incidents/" + id
                + "/resolve").then().statusCode(200);
        List<Map<String, Object>> invites = await().atMost(PATIENCE).until(() -> invitesAbout(id),
                m -> m.stream().map(i -> i.get("to").toString()).filter(t -> t.contains(anaMail) || t.contains(benMail))
                        .count() >= 2);
        for (String address : List.of(anaMail, benMail)) {
            List<Map<String, Object>> theirs = invites.stream()
                    .filter(i -> ((List<Object>) i.get("to")).contains(address)).toList();
            assertThat(theirs).as("PIR invites to %s", address).hasSize(1);
            assertThat((List<Object>) theirs.get(0).get("attachments")).containsExactly("pir-invite.ics");
        }
        assertThat(comms().get("/api/incidents/" + id + "/notifications").then().statusCode(200).extract()
                .jsonPath().getList("notifications.purpose", String.class)).contains("pir-invite");
    }

    private static List<Map<String, Object>> invitesAbout(String incidentId) {
        return mailsAbout(incidentId).stream()
                .filter(m -> ((String) m.get("subject")).startsWith("Post-Incident Review: ")).toList();
    }

    @Test
    void demoTeamOfTheDefaultServiceIsThereOnceWithItsTenSecondRule() throws Exception {
        assertThat(intake().get("/api/services/" + DemoTeam.SERVICE).then().statusCode(200).extract().jsonPath()
                .getString("service.escalation_policy_id")).isEqualTo(DemoTeam.POLICY);
        JsonPath policy = intake().get("/api/escalation-policies/" + DemoTeam.POLICY).then().statusCode(200).extract()
                .jsonPath();
        assertThat(policy.getList("escalation_policy.escalation_rules.escalation_delay", String.class))
                .containsExactly("PT10S", "PT10S");
        assertThat(policy.getString("escalation_policy.escalation_rules[0].targets[0].id")).isEqualTo(DemoTeam.SCHEDULE);
        assertThat(policy.getString("escalation_policy.escalation_rules[1].targets[0].id")).isEqualTo(DemoTeam.LEAD_USER);
        assertThat(intake().get("/api/oncalls?schedule=" + DemoTeam.SCHEDULE).then().statusCode(200).extract()
                .jsonPath().getList("oncalls.user.id", String.class)).containsExactly(DemoTeam.ON_CALL_USER);
        assertThat(intake().get("/api/users/" + DemoTeam.ON_CALL_USER).then().statusCode(200).extract().jsonPath()
                .getList("user.contact_methods.type", String.class)).containsExactly("email");

        // as on a restart of the stack on its kept data: nothing is created twice
        int users = intake().get("/api/users").then().statusCode(200).extract().jsonPath().getInt("total");
        assertThat(new DemoTeam(stack.url("incident-intake"), token).install(Duration.ofSeconds(10))).isEmpty();
        assertThat(intake().get("/api/users").then().extract().jsonPath().getInt("total")).isEqualTo(users);
    }

    private static Map<String, Object> user(String id, String name, String email) {
        return Map.of("id", id, "name", name, "email", email, "time_zone", "UTC",
                "contact_methods", List.of(Map.of("type", "email", "address", email, "label", "Work")));
    }

    private void create(String path, Object body) {
        intake().contentType(ContentType.JSON).body(body).post(path).then().statusCode(201);
    }

    /** A generic alert of severity P2 (integration key as bearer); returns the incident it declared. */
    private String fireP2(String service, String summary) {
        return given().baseUri(stack.url("incident-intake"))
                .header("Authorization", "Bearer " + stack.infra().integrationKey())
                .contentType(ContentType.JSON).body(Map.of("service", service, "summary", summary, "severity", "P2"))
                .post("/api/alerts").then().statusCode(202).extract().jsonPath().getString("incidentId");
    }

    /** The mailbox's messages about one incident, oldest first (as the mailbox lists them). */
    private static List<Map<String, Object>> mailsAbout(String incidentId) {
        List<Map<String, Object>> all = given().get(mailboxUrl).then().statusCode(200).extract().jsonPath()
                .getList("messages");
        return all.stream().filter(m -> ((String) m.get("subject")).contains(incidentId + " ")).toList();
    }

    private static String ackLink(String body) {
        Matcher m = ACK_LINK.matcher(body);
        assertThat(m.find()).as("ack link in %s", body).isTrue();
        return m.group(1);
    }

    private RequestSpecification intake() {
        return given().baseUri(stack.url("incident-intake")).auth().oauth2(token);
    }

    private RequestSpecification comms() {
        return given().baseUri(stack.url("comms-service")).auth().oauth2(token);
    }
}
