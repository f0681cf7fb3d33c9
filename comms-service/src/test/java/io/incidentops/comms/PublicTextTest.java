package io.incidentops.comms;

import io.incidentops.comms.support.Components;
import io.incidentops.comms.support.EventsTest;
import io.incidentops.comms.support.TestEvents;
import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.comms.StatusPageUpdated;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.incidentops.comms.support.StatusPageClient.incidentById;
import static io.incidentops.comms.support.StatusPageClient.updates;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alert text never reaches customers: whatever an alert says (summary, description with its {@code Source:} URL,
 * customer-impact annotation, service label) and whatever responders write (root cause, reopen reason), the public
 * page (HTML, Statuspage JSON, Atom) shows the operator's component name and the impact only, at every step.
 */
@QuarkusTest
class PublicTextTest extends EventsTest {

    private static final String SECRET = "sk_live_51HxT3stS3cr3tT0k3nValue";
    private static final String INTERNAL_URL = "http://prometheus.prod.internal:9090/graph?g0.expr=up";
    private static final String INTERNAL_HOST = "prometheus.prod.internal";
    /** Every public representation; {@code {page}} is replaced by the incident's page id. */
    private static final List<String> PUBLIC = List.of("/", "/incidents/{page}", "/history.atom",
            "/api/v2/summary.json", "/api/v2/status.json", "/api/v2/components.json", "/api/v2/incidents.json",
            "/api/v2/incidents/unresolved.json");


    @Test
    void secretsAndInternalUrlsInAlertTextNeverReachThePublicPage() {
        String incidentId = TestIds.newIncidentId();
        String service = TestIds.unique("payments-db");
        String component = TestIds.unique("Payments");
        Components.create(component, service);
        Instant started = Instant.now().minus(10, ChronoUnit.MINUTES);
        events.send(new IncidentDeclared(incidentId, "DB auth failing, token " + SECRET + " rejected",
                "password=hunter2 in logs\n\nSource: " + INTERNAL_URL, service, Severity.P1,
                IncidentType.SERVICE_OUTAGE, IncidentStatus.DECLARED, "alertmanager", "fp-" + incidentId,
                Map.of("service", service), "customers see " + SECRET + " at " + INTERNAL_URL, started, started));
        String page = awaitUpdates(incidentId, 1);
        Map<String, Object> declared = incidentById("/api/v2/incidents.json", page).orElseThrow();
        assertThat(declared.get("name")).isEqualTo(component + " experiencing a partial outage");
        assertNothingLeaks(page, service);

        events.send(TestEvents.statusChanged(incidentId, IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED));
        awaitUpdates(incidentId, 2);
        assertNothingLeaks(page, service);

        events.send(TestEvents.resolved(incidentId, Severity.P1, service, "token " + SECRET,
                "rotated " + SECRET + ", see " + INTERNAL_URL, started, Instant.now().minusSeconds(20)));
        awaitUpdates(incidentId, 3);
        assertThat(incidentById("/api/v2/incidents.json", page).orElseThrow().get("name"))
                .isEqualTo(component + " issue resolved");
        assertNothingLeaks(page, service);

        events.send(TestEvents.reopened(incidentId, "firing again: " + SECRET + " " + INTERNAL_URL));
        awaitUpdates(incidentId, 4);
        assertThat(incidentById("/api/v2/incidents.json", page).orElseThrow().get("name"))
                .isEqualTo(component + " experiencing a partial outage");
        assertNothingLeaks(page, service);

        events.send(TestEvents.resolved(incidentId, Severity.P1, service, "token " + SECRET,
                "root cause " + SECRET + " " + INTERNAL_URL, started, Instant.now()));
        awaitUpdates(incidentId, 5);
        assertNothingLeaks(page, service);

        // what comms announced as published is the same public text
        List<StatusPageUpdated> published = events.await(EventType.COMMS_STATUS_PAGE_UPDATED, incidentId, 5).stream()
                .map(r -> EventCodec.decode(StatusPageUpdated.class, r.value())).toList();
        assertThat(published).extracting(u -> u.title() + " " + u.body())
                .allSatisfy(text -> assertThat(text).doesNotContain(SECRET, INTERNAL_HOST, "hunter2", "Source:", service));
    }

    @Test
    void anUnknownServiceCreatesNoComponentAndIsNeverNamed() {
        String incidentId = TestIds.newIncidentId();
        String service = TestIds.unique("internal-billing-worker");
        events.send(TestEvents.declared(incidentId, Severity.P0, service, "billing worker down", null,
                Instant.now().minusSeconds(60)));
        String page = awaitUpdates(incidentId, 1);

        Map<String, Object> incident = incidentById("/api/v2/incidents.json", page).orElseThrow();
        assertThat(incident.get("name")).isEqualTo("We are experiencing a major outage");
        assertThat((List<?>) incident.get("components")).isEmpty();
        assertThat(updates(incident).get(0).get("body")).isEqualTo("We are investigating reports of a major outage. "
                + "Our team is actively working on this issue. Next update in 30 minutes.");
        assertThat((List<?>) updates(incident).get(0).get("affected_components")).isEmpty();
        long components = QuarkusTransaction.requiringNew().call(() -> (Long) em
                .createQuery("select count(c) from PageComponent c where lower(c.name) like :label")
                .setParameter("label", "%" + service.toLowerCase() + "%").getSingleResult());
        assertThat(components).isZero();
        assertNothingLeaks(page, service);

        // resolved: still against no component, and no component is left degraded by it
        events.send(TestEvents.resolved(incidentId, Severity.P0, service, "billing worker down", "a full disk",
                Instant.now().minusSeconds(60), Instant.now()));
        awaitUpdates(incidentId, 2);
        assertThat(incidentById("/api/v2/incidents.json", page).orElseThrow().get("name")).isEqualTo("Issue resolved");
        assertNothingLeaks(page, service);
    }

    /** No public representation shows any of the incident's internal text. */
    private void assertNothingLeaks(String pageIncidentId, String service) {
        for (String path : PUBLIC) {
            String body = given().when().get(path.replace("{page}", pageIncidentId)).then().statusCode(200)
                    .extract().asString();
            assertThat(body).as(path).doesNotContain(SECRET, INTERNAL_HOST, "hunter2", "Source:", service);
        }
        // not vacuous: the incident is on the page and in the feed
        assertThat(given().when().get("/history.atom").then().extract().asString()).contains(pageIncidentId);
        assertThat(given().when().get("/").then().extract().asString()).contains(pageIncidentId);
    }

    /** Waits until the incident's public page has {@code count} updates; @return its page id */
    private String awaitUpdates(String incidentId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> pageId(incidentId) != null
                && incidentById("/api/v2/incidents.json", pageId(incidentId))
                .map(i -> updates(i).size() >= count).orElse(false));
        return pageId(incidentId);
    }
}
