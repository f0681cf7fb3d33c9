package io.incidentops.comms;

import io.incidentops.comms.support.Components;
import io.incidentops.comms.support.EventsTest;
import io.incidentops.comms.support.TestEvents;
import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.comms.NotificationSent;
import io.incidentops.events.comms.StatusPageUpdated;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.incidentops.comms.support.StatusPageClient.component;
import static io.incidentops.comms.support.StatusPageClient.incident;
import static io.incidentops.comms.support.StatusPageClient.updates;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** {@code POST /api/incidents/{id}/updates}: a commander's own words on the status page, previewed exactly. */
@QuarkusTest
class CommanderUpdateTest extends EventsTest {

    private static final String TEXT = "Card payments fail for some customers. We have rolled back today's release\n"
            + "and <b>are watching</b> the error rate.";


    @Test
    void aCommanderPostsAnUpdateThatCustomersReadAsPreviewed() {
        String incidentId = TestIds.newIncidentId();
        String component = openPublicIncident(incidentId);
        String name = component + " experiencing a partial outage";
        // the next update is due in 5 minutes: a posted update must restart the 30-minute cadence
        setNextDue(incidentId, Instant.now().plus(5, ChronoUnit.MINUTES));

        Map<String, Object> preview = asCommander().body(Map.of("status", "identified", "body", TEXT))
                .when().post("/api/incidents/" + incidentId + "/updates/preview").then().statusCode(200)
                .extract().jsonPath().getMap("$");
        assertThat(preview).containsEntry("name", name).containsEntry("status", "identified")
                .containsEntry("incidentId", incidentId);
        // nothing stored by the preview
        assertThat(updates(incident("/api/v2/incidents.json", name).orElseThrow())).hasSize(1);
        assertThat(nextDue(incidentId)).isBefore(Instant.now().plus(6, ChronoUnit.MINUTES));

        Instant posted = Instant.now();
        var created = asCommander().body(Map.of("status", "identified", "body", TEXT))
                .when().post("/api/incidents/" + incidentId + "/updates").then().statusCode(201)
                .body("postedBy", equalTo("cora")).body("update.body", equalTo(preview.get("body")))
                .extract();
        assertThat(created.header("Location")).isEqualTo(preview.get("shortlink"));

        Map<String, Object> incident = incident("/api/v2/incidents.json", name).orElseThrow();
        assertThat(incident.get("status")).isEqualTo("identified");
        assertThat(updates(incident).get(0)).containsEntry("status", "identified").containsEntry("body", preview.get("body"));
        assertThat(preview.get("body")).isEqualTo(TEXT);
        assertThat(given().when().get("/").then().extract().asString())
                .contains("and &lt;b&gt;are watching&lt;/b&gt; the error rate.");
        assertThat(given().when().get("/history.atom").then().extract().asString())
                .contains("Identified - Card payments fail for some customers.");
        assertThat(nextDue(incidentId)).isAfter(posted.plus(29, ChronoUnit.MINUTES));
        assertThat(postedBy(incidentId)).containsExactlyInAnyOrder(null, "cora"); // the declaration is comms' own

        StatusPageUpdated announced = EventCodec.decode(StatusPageUpdated.class,
                events.await(EventType.COMMS_STATUS_PAGE_UPDATED, incidentId, 2).get(1).value());
        assertThat(announced.status()).isEqualTo("identified");
        assertThat(announced.body()).isEqualTo(TEXT);
        NotificationSent sent = EventCodec.decode(NotificationSent.class,
                events.await(EventType.COMMS_NOTIFICATION_SENT, incidentId, 3).stream()
                        .filter(r -> r.value().contains("\"update\"")).findFirst().orElseThrow().value());
        assertThat(sent.channel() + "/" + sent.audience() + "/" + sent.kind()).isEqualTo("status_page/customers/update");
    }

    @Test
    void resolvedByTheCommanderResolvesThePageAndLaterOnlyResolvedNotesAreAccepted() {
        String incidentId = TestIds.newIncidentId();
        String component = openPublicIncident(incidentId);
        String resolvedName = component + " issue resolved";

        asCommander().body(Map.of("status", "resolved", "body", "Payments work again. Sorry."))
                .when().post("/api/incidents/" + incidentId + "/updates/preview").then().statusCode(200)
                .body("name", equalTo(resolvedName));
        given().auth().oauth2(InfraTestResource.token("root", "admin")).contentType("application/json")
                .body(Map.of("status", "resolved", "body", "Payments work again. Sorry."))
                .when().post("/api/incidents/" + incidentId + "/updates").then().statusCode(201)
                .body("update.name", equalTo(resolvedName));

        Map<String, Object> resolved = incident("/api/v2/incidents.json", resolvedName).orElseThrow();
        assertThat(resolved.get("status")).isEqualTo("resolved");
        assertThat(resolved.get("resolved_at")).isNotNull();
        assertThat(component("/api/v2/components.json", component).orElseThrow().get("status")).isEqualTo("operational");
        assertThat(nextDue(incidentId)).isNull();

        problem(asCommander().body(Map.of("status", "investigating", "body", "Back?"))
                .when().post("/api/incidents/" + incidentId + "/updates").then().statusCode(409));
        asCommander().body(Map.of("status", "resolved", "body", "The cause was an expired certificate."))
                .when().post("/api/incidents/" + incidentId + "/updates").then().statusCode(201)
                .body("update.name", equalTo(resolvedName));
        assertThat(updates(incident("/api/v2/incidents.json", resolvedName).orElseThrow()))
                .extracting(u -> u.get("status")).containsExactly("resolved", "resolved", "investigating");
    }

    @Test
    void onlyCommandersAndAdminsMayPostOrPreview() {
        String incidentId = TestIds.newIncidentId();
        openPublicIncident(incidentId);
        Map<String, String> body = Map.of("status", "identified", "body", "text");
        for (String path : List.of("/updates", "/updates/preview")) {
            given().contentType("application/json").body(body).when().post("/api/incidents/" + incidentId + path)
                    .then().statusCode(401);
            for (String role : List.of("viewer", "responder")) {
                given().auth().oauth2(InfraTestResource.token("someone", role)).contentType("application/json")
                        .body(body).when().post("/api/incidents/" + incidentId + path).then().statusCode(403);
            }
        }
        assertThat(postedBy(incidentId)).containsOnlyNulls();
    }

    @Test
    void badInputIsRefusedAndNothingIsStored() {
        String incidentId = TestIds.newIncidentId();
        openPublicIncident(incidentId);
        String path = "/api/incidents/" + incidentId + "/updates";
        for (String target : List.of(path, path + "/preview")) {
            field(asCommander().body(Map.of("status", "fixed", "body", "text")).when().post(target), "status");
            field(asCommander().body(Map.of("status", "Identified", "body", "text")).when().post(target), "status");
            field(asCommander().body(Map.of("body", "text")).when().post(target), "status");
            field(asCommander().body(Map.of("status", "identified", "body", "  ")).when().post(target), "body");
            field(asCommander().body(Map.of("status", "identified", "body", "x".repeat(2001))).when().post(target), "body");
            field(asCommander().body(Map.of("status", "identified", "body", "bell \u0007")).when().post(target), "body");
            problem(asCommander().body("{\"status\":").when().post(target).then().statusCode(400));
        }
        asCommander().body(Map.of("status", "identified", "body", "x".repeat(2000))).when().post(path + "/preview")
                .then().statusCode(200);
        assertThat(postedBy(incidentId)).hasSize(1); // the declaration's update only

        problem(asCommander().body(Map.of("status", "identified", "body", "text"))
                .when().post("/api/incidents/" + TestIds.newIncidentId() + "/updates").then().statusCode(404));
        // a P3 has no public incident: nothing to update
        String internal = TestIds.newIncidentId();
        events.send(TestEvents.declared(internal, Severity.P3, TestIds.unique("batch"), "late job", null,
                Instant.now().minusSeconds(60)));
        events.await(EventType.COMMS_NOTIFICATION_SENT, internal, 1);
        problem(asCommander().body(Map.of("status", "identified", "body", "text"))
                .when().post("/api/incidents/" + internal + "/updates").then().statusCode(409));
    }

    /** A P1 shown against a new component; @return the component's name */
    private String openPublicIncident(String incidentId) {
        String service = TestIds.unique("payments");
        String component = TestIds.unique("Payments");
        Components.create(component, service);
        events.send(TestEvents.declared(incidentId, Severity.P1, service, "errors", null, Instant.now().minusSeconds(60)));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                incident("/api/v2/incidents.json", component + " experiencing a partial outage").isPresent());
        return component;
    }

    private static io.restassured.specification.RequestSpecification asCommander() {
        return given().auth().oauth2(InfraTestResource.token("cora", "commander")).contentType("application/json");
    }

    private static void field(io.restassured.response.Response response, String field) {
        problem(response.then().statusCode(400)).body("errors.field", hasItem(field));
    }

    private static ValidatableResponse problem(ValidatableResponse response) {
        return response.contentType(startsWith("application/problem+json"));
    }

    private void setNextDue(String incidentId, Instant due) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE page_incident SET next_update_due_at = :due WHERE incident_id = :id")
                .setParameter("due", due).setParameter("id", incidentId).executeUpdate());
    }

    /** Who posted each stored update of the incident's public incident (null for comms' own). */
    private List<String> postedBy(String incidentId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery("select u.postedBy from IncidentUpdate u, "
                        + "PageIncident p where u.pageIncidentId = p.id and p.incidentId = :id", String.class)
                .setParameter("id", incidentId).getResultList());
    }
}
