package io.incidentops.comms;

import io.incidentops.testsupport.TestIds;
import io.incidentops.comms.support.EventsTest;
import io.incidentops.comms.support.TestEvents;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.InfraTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /api/notifications}: what comms sent, for logged-in users only. */
@QuarkusTest
class NotificationApiTest extends EventsTest {


    @Test
    void requiresAToken() {
        given().when().get("/api/notifications").then().statusCode(401);
        given().auth().oauth2(InfraTestResource.token("nobody")).when().get("/api/notifications").then().statusCode(403);
    }

    @Test
    void listsTheMessagesOfOneIncidentNewestFirst() {
        String incidentId = TestIds.newIncidentId();
        String service = TestIds.unique("api");
        Instant started = Instant.now().minusSeconds(600);
        events.send(TestEvents.declared(incidentId, Severity.P1, service, "errors", "errors on the API", started));
        events.send(TestEvents.resolved(incidentId, Severity.P1, service, "errors", "expired certificate", started,
                Instant.now()));
        String viewer = InfraTestResource.token("vera", "viewer");

        await().atMost(Duration.ofSeconds(30)).until(() -> list(viewer, incidentId).size() == 4);

        List<Map<String, Object>> notifications = list(viewer, incidentId);
        assertThat(notifications).allSatisfy(n -> assertThat(n.get("incidentId")).isEqualTo(incidentId));
        assertThat(notifications).extracting(n -> n.get("channel") + "/" + n.get("audience") + "/" + n.get("kind"))
                .containsExactlyInAnyOrder("status_page/customers/initial", "webhook/responders/initial",
                        "status_page/customers/resolution", "webhook/stakeholders/resolution");
        assertThat(notifications.get(0).get("createdAt").toString())
                .isGreaterThanOrEqualTo(notifications.get(3).get("createdAt").toString());
        assertThat(notifications.toString()).doesNotContain("127.0.0.1"); // webhook URLs are secrets
        given().auth().oauth2(viewer).queryParam("limit", 0).when().get("/api/notifications").then().statusCode(400);
    }

    private static List<Map<String, Object>> list(String token, String incidentId) {
        return given().auth().oauth2(token).queryParam("incidentId", incidentId)
                .when().get("/api/notifications").then().statusCode(200).extract().jsonPath().getList("$");
    }
}
