package io.incidentops.intake.oncall;

import io.incidentops.events.EventType;
import io.incidentops.events.intake.NotificationRequested;
import io.incidentops.intake.oncall.escalation.EscalationStep;
import io.incidentops.platform.link.LinkTokens;
import io.incidentops.testsupport.KafkaTestClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.incidentops.intake.support.Fixtures.alert;
import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.intake.support.Fixtures.awaitEvents;
import static io.incidentops.intake.support.Fixtures.before;
import static io.incidentops.intake.support.Fixtures.data;
import static io.incidentops.intake.support.Fixtures.hasType;
import static io.incidentops.intake.support.Fixtures.integration;
import static io.incidentops.testsupport.KafkaTestClient.header;
import static io.incidentops.testsupport.TestIds.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The whole escalation with PT5S delays, through the API and the real broker and database: a P2 alert pages the
 * schedule's on-call user by e-mail (rule 1), nobody acknowledges, rule 2 pages the next person after the delay; the
 * ack link's GET changes nothing, its POST acknowledges, and nothing more is paged.
 */
@QuarkusTest
class EscalationTest {

    private final KafkaTestClient kafka = new KafkaTestClient();

    @ConfigProperty(name = "incidentops.oncall.ack.signing-secret")
    String ackSecret;

    @AfterEach
    void close() {
        kafka.close();
    }

    static String user(String name) {
        String id = unique("u").replaceAll("[^A-Za-z0-9_.-]", "");
        as("admin").body("{\"user\":{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"email\":\"" + id + "@example.com\","
                        + "\"notification_rules\":[{\"urgency\":\"high\",\"contact_method_id\":\"email\",\"start_delay\":\"PT0S\"}]}}")
                .post("/api/users").then().statusCode(201);
        return id;
    }

    /**
     * A service whose policy pages {@code firstType}/{@code firstId} (rule 1), then {@code lead} (rule 2), PT5S apart,
     * repeated {@code loops} times; returns the service's name.
     */
    static String serviceWithTwoRules(String name, int loops, String firstType, String firstId, String lead) {
        String policy = as("admin").body("{\"escalation_policy\":{\"name\":\"Two rules\",\"num_loops\":" + loops
                        + ",\"escalation_rules\":["
                        + "{\"escalation_delay\":\"PT5S\",\"targets\":[{\"type\":\"" + firstType + "\",\"id\":\"" + firstId + "\"}]},"
                        + "{\"escalation_delay\":\"PT5S\",\"targets\":[{\"type\":\"user\",\"id\":\"" + lead + "\"}]}]}}")
                .post("/api/escalation-policies").then().statusCode(201).extract().path("escalation_policy.id");
        String service = unique(name);
        as("admin").body("{\"service\":{\"name\":\"" + service + "\",\"escalation_policy_id\":\"" + policy + "\"}}")
                .post("/api/services").then().statusCode(201);
        return service;
    }

    @Test
    void p2PagesTheOnCallUserThenTheNextRuleUntilAcknowledged() {
        String ann = user("Ann Example");
        String bob = user("Bob Example");
        String lead = user("Lea Lead");
        // PagerDuty's classic pagination: one page of the list, and whether more follow
        int total = as("viewer").get("/api/users?limit=2&offset=1").then().statusCode(200)
                .body("users.size()", equalTo(2)).body("offset", equalTo(1)).body("limit", equalTo(2))
                .extract().path("total");
        assertThat(total).isGreaterThanOrEqualTo(3);
        as("viewer").get("/api/users?limit=2&offset=" + (total - 2)).then().body("users.size()", equalTo(2))
                .body("more", equalTo(false)); // the page that ends exactly at the last one
        as("viewer").get("/api/users?limit=2&offset=" + (total - 1)).then().body("users.size()", equalTo(1))
                .body("more", equalTo(false));
        as("viewer").get("/api/users?limit=1").then().body("more", equalTo(true));
        String schedule = as("admin").body("{\"schedule\":{\"name\":\"Primary\",\"time_zone\":\"Europe/Berlin\","
                        + "\"schedule_layers\":[{\"start\":\"" + LocalDate.now(ZoneOffset.UTC).minusDays(3) + "\",\"handoff_time\":\"09:00\","
                        + "\"rotation_interval\":\"P1D\",\"users\":[\"" + ann + "\",\"" + bob + "\"]}]}}")
                .post("/api/schedules").then().statusCode(201).extract().path("schedule.id");
        String service = serviceWithTwoRules("checkout", 1, "schedule", schedule, lead);
        String onCall = as("viewer").queryParam("schedule", schedule).get("/api/oncalls")
                .then().statusCode(200).extract().path("oncalls[0].user.id");
        assertThat(onCall).isIn(ann, bob);

        // a caller that traces its alerts (sampled): the page of rule 2, fired later by a timer, is still in its trace
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String id = integration().header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .body(alert(service, "Checkout slow", "P2")).post("/api/alerts")
                .then().statusCode(202).extract().path("incidentId");

        // rule 1 at once, rule 2 after PT5S: both while nobody acknowledged
        List<ConsumerRecord<String, String>> pageRecords = awaitEvents(kafka, id,
                r -> hasType(r, EventType.INCIDENT_NOTIFICATION_REQUESTED, 2)).stream()
                .filter(r -> EventType.INCIDENT_NOTIFICATION_REQUESTED.ceType().equals(header(r, "ce_type"))).toList();
        assertThat(pageRecords).extracting(r -> header(r, "traceparent")).as("both pages in the alert's trace")
                .allSatisfy(tp -> assertThat(tp).startsWith("00-" + traceId + "-"));
        List<NotificationRequested> pages = data(pageRecords, EventType.INCIDENT_NOTIFICATION_REQUESTED,
                NotificationRequested.class);
        NotificationRequested first = pages.get(0);
        assertThat(first.rule()).isEqualTo(1);
        assertThat(first.pass()).isEqualTo(1);
        assertThat(first.userId()).isEqualTo(onCall);
        assertThat(first.channel()).isEqualTo("email");
        assertThat(first.address()).isEqualTo(onCall + "@example.com");
        assertThat(first.urgency()).isEqualTo("high");
        assertThat(first.title()).isEqualTo("Checkout slow");
        NotificationRequested second = pages.get(1);
        assertThat(second.rule()).isEqualTo(2);
        assertThat(second.userId()).isEqualTo(lead);
        assertThat(Duration.between(first.requestedAt(), second.requestedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(5));

        // a mail scanner opening the link acknowledges nothing
        String ackPath = URI.create(second.ackUrl()).getPath();
        given().get(ackPath).then().statusCode(200).body(containsString("Acknowledge " + id));
        as("viewer").get("/api/incidents/" + id).then().body("status", equalTo("DECLARED"));
        // a forged token is refused
        given().post(ackPath.substring(0, ackPath.length() - 3) + "AAA").then().statusCode(403);
        // so is a token signed with intake's own secret for another use (the approval links' audience)
        String otherUse = LinkTokens.fromSecret("ack", Optional.of(ackSecret), "incident-intake", Clock.systemUTC())
                .sign("mitigation-decision", lead, Map.of("incident", id), Duration.ofMinutes(5));
        given().post("/ack/" + otherUse).then().statusCode(403);
        as("viewer").get("/api/incidents/" + id).then().body("status", equalTo("DECLARED"));

        given().post(ackPath).then().statusCode(200).body(containsString("Acknowledged " + id))
                .body(containsString("Thank you, Lea Lead."));
        as("viewer").get("/api/incidents/" + id).then().body("status", equalTo("INVESTIGATING"))
                .body("acknowledgedBy", equalTo("Lea Lead"));

        // the next pass (due PT5S after rule 2) was cancelled; once it is past due, nothing else was paged
        Instant cancelledDue = QuarkusTransaction.requiringNew().call(() -> EscalationStep.<EscalationStep>list(
                "incidentId = ?1 and status = ?2", id, EscalationStep.CANCELLED).get(0).dueAt);
        assertThat(QuarkusTransaction.requiringNew().call(() ->
                EscalationStep.count("incidentId = ?1 and status = ?2", id, EscalationStep.PENDING))).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(cancelledDue.plusSeconds(2)));
        as("commander").body("{\"rootCause\":\"test\"}").post("/api/incidents/" + id + "/resolve").then().statusCode(200);
        List<ConsumerRecord<String, String>> all = awaitEvents(kafka, id, r -> hasType(r, EventType.INCIDENT_RESOLVED, 1));
        assertThat(data(before(all, EventType.INCIDENT_RESOLVED), EventType.INCIDENT_NOTIFICATION_REQUESTED,
                NotificationRequested.class)).hasSize(2);
    }

    /**
     * A new incident's first rule is paged by the declaring transaction itself, not by the worker a round later: its
     * step is fired at the declaration's instant, and the page is the event right after the war room it names.
     */
    @Test
    void aNewIncidentsFirstPageLeavesWithItsDeclaration() {
        String ann = user("Ann Early");
        String service = serviceWithTwoRules("first-page", 0, "user", ann, user("Lee Early"));
        String id = integration().body(alert(service, "Cart empty", "P2")).post("/api/alerts")
                .then().statusCode(202).extract().path("incidentId");

        List<String> types = awaitEvents(kafka, id, r -> hasType(r, EventType.INCIDENT_NOTIFICATION_REQUESTED, 1))
                .stream().map(r -> header(r, "ce_type")).toList();
        assertThat(types.subList(0, types.indexOf(EventType.INCIDENT_NOTIFICATION_REQUESTED.ceType()) + 1))
                .endsWith(EventType.INCIDENT_WAR_ROOM_OPENED.ceType(), EventType.INCIDENT_NOTIFICATION_REQUESTED.ceType());
        EscalationStep first = QuarkusTransaction.requiringNew().call(() -> EscalationStep.<EscalationStep>list(
                "incidentId = ?1 and ruleIndex = 0", id).get(0));
        assertThat(first.status).isEqualTo(EscalationStep.FIRED);
        assertThat(first.firedAt).as("fired when it was created, in the declaring transaction").isEqualTo(first.createdAt);
        as("commander").body("{\"rootCause\":\"test\"}").post("/api/incidents/" + id + "/resolve").then().statusCode(200);
    }

    @Test
    void aReopenedIncidentPagesTheFirstRuleAgainUntilAcknowledged() {
        String ann = user("Ann Again");
        String lead = user("Lee Later");
        String service = serviceWithTwoRules("reopened", 0, "user", ann, lead);
        String id = integration().body(alert(service, "Queue stuck", "P2")).post("/api/alerts")
                .then().statusCode(202).extract().path("incidentId");
        awaitEvents(kafka, id, r -> hasType(r, EventType.INCIDENT_NOTIFICATION_REQUESTED, 1));
        as("responder").body("{}").post("/api/incidents/" + id + "/acknowledge").then().statusCode(200);
        as("commander").body("{\"rootCause\":\"test\"}").post("/api/incidents/" + id + "/resolve").then().statusCode(200);

        Instant reopened = Instant.now();
        as("commander").body("{\"reason\":\"queue stuck again\"}").post("/api/incidents/" + id + "/reopen")
                .then().statusCode(200);
        // the first rule's person is paged again, by a new step (a new notification for comms to deliver)
        NotificationRequested first = pagesSince(awaitEvents(kafka, id, r -> hasType(r, EventType.INCIDENT_REOPENED, 1)),
                Instant.EPOCH).get(0);
        NotificationRequested again = pagesSince(awaitEvents(kafka, id, r -> !pagesSince(r, reopened).isEmpty()),
                reopened).get(0);
        assertThat(again.userId()).isEqualTo(ann);
        assertThat(again.rule()).isEqualTo(1);
        assertThat(again.notificationId()).isNotEqualTo(first.notificationId());

        // acknowledging the reopened incident stops it: rule 2 never pages, even once it is past due
        as("responder").body("{}").post("/api/incidents/" + id + "/acknowledge").then().statusCode(200);
        assertThat(QuarkusTransaction.requiringNew().call(() ->
                EscalationStep.count("incidentId = ?1 and status = ?2", id, EscalationStep.PENDING))).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(again.requestedAt().plusSeconds(7)));
        as("commander").body("{\"rootCause\":\"test\"}").post("/api/incidents/" + id + "/resolve").then().statusCode(200);
        List<ConsumerRecord<String, String>> all = awaitEvents(kafka, id, r -> hasType(r, EventType.INCIDENT_RESOLVED, 2));
        assertThat(pagesSince(all, reopened)).extracting(NotificationRequested::userId).containsExactly(ann);
        assertThat(hasType(all, EventType.INCIDENT_ACKNOWLEDGED, 2)).as("the second acknowledgement is announced").isTrue();
    }

    private static List<NotificationRequested> pagesSince(List<ConsumerRecord<String, String>> records, Instant since) {
        return data(records, EventType.INCIDENT_NOTIFICATION_REQUESTED, NotificationRequested.class).stream()
                .filter(n -> !n.requestedAt().isBefore(since)).toList();
    }
}
