package io.incidentops.comms;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.incidentops.comms.support.Components;
import io.incidentops.comms.support.InjectWireMock;
import io.incidentops.comms.support.EventsTest;
import io.incidentops.comms.support.TestEvents;
import io.incidentops.comms.support.WebhookReceiverResource;
import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.comms.NotificationSent;
import io.incidentops.events.comms.StatusPageUpdated;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.incidentops.comms.support.StatusPageClient.component;
import static io.incidentops.comms.support.StatusPageClient.incident;
import static io.incidentops.comms.support.StatusPageClient.incidentCount;
import static io.incidentops.comms.support.StatusPageClient.updates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code incident.reopened}, in the order intake emits it (reopened, status-changed RESOLVED → INVESTIGATING,
 * responders-paged): the same public incident goes back to investigating; a non-public one stays off the page; the
 * people told of the incident hear "reopened: &lt;reason&gt;".
 */
@QuarkusTest
class ReopenedIncidentTest extends EventsTest {

    private static final String REASON = "Alert firing again within 30 min: HighErrorRate on checkout";

    @InjectWireMock
    WireMockServer webhooks;


    @Test
    void theSamePublicIncidentGoesBackToInvestigating() {
        String incidentId = TestIds.newIncidentId();
        String service = TestIds.unique("checkout");
        String publicName = TestIds.unique("Checkout");
        Components.create(publicName, service);
        String name = publicName + " experiencing a partial outage";
        String resolvedName = publicName + " issue resolved";
        Instant started = Instant.now().minus(20, ChronoUnit.MINUTES);
        events.send(TestEvents.declared(incidentId, Severity.P1, service, "elevated error rates",
                "failed payments at checkout", started));
        events.send(TestEvents.resolved(incidentId, Severity.P1, service, "elevated error rates", "a bad config",
                started, Instant.now().minusSeconds(30)));
        await().atMost(Duration.ofSeconds(30)).until(() -> incident("/api/v2/incidents.json", resolvedName).isPresent());
        Object pageId = incident("/api/v2/incidents.json", resolvedName).orElseThrow().get("id");
        assertThat(component("/api/v2/components.json", publicName).orElseThrow().get("status")).isEqualTo("operational");
        assertThat(nextDue(incidentId)).isNull();

        Instant reopenedAt = Instant.now();
        events.send(TestEvents.reopened(incidentId, REASON));
        events.send(TestEvents.statusChanged(incidentId, IncidentStatus.RESOLVED, IncidentStatus.INVESTIGATING));
        events.send(TestEvents.respondersPaged(incidentId, Severity.P1));

        await().atMost(Duration.ofSeconds(30)).until(() -> incident("/api/v2/incidents/unresolved.json", name).isPresent());
        Map<String, Object> incident = incident("/api/v2/incidents.json", name).orElseThrow();
        assertThat(incident.get("id")).isEqualTo(pageId); // the same incident, not a new one
        assertThat(incidentCount("/api/v2/incidents.json", name)).isEqualTo(1);
        assertThat(incident("/api/v2/incidents.json", resolvedName)).isEmpty();
        assertThat(incident.get("status")).isEqualTo("investigating");
        assertThat(incident.get("resolved_at")).isNull();
        assertThat(incident.get("monitoring_at")).isNull();
        assertThat(incident.get("impact")).isEqualTo("major");
        List<Map<String, Object>> updates = updates(incident);
        assertThat(updates).extracting(u -> u.get("status")).containsExactly("investigating", "resolved", "investigating");
        assertThat(updates.get(0).get("body")).isEqualTo("This issue has returned. We are investigating again and our "
                + "team is actively working on it. Next update in 30 minutes.");
        assertThat(updates.get(0).get("affected_components").toString())
                .contains("old_status=operational", "new_status=partial_outage");
        assertThat(component("/api/v2/components.json", publicName).orElseThrow().get("status")).isEqualTo("partial_outage");
        // the cadence restarted: the next update is due one interval after the reopening
        assertThat(nextDue(incidentId)).isAfter(reopenedAt.plus(29, ChronoUnit.MINUTES));

        // stakeholders (told of the resolution) and responders (told of the declaration) hear it is back
        String shortlink = (String) incident.get("shortlink");
        for (String hook : List.of(WebhookReceiverResource.STAKEHOLDERS, WebhookReceiverResource.RESPONDERS)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !webhooks.findAll(postRequestedFor(urlPathEqualTo(hook))
                    .withRequestBody(containing("[P1 High] " + incidentId + " reopened: " + REASON))
                    .withRequestBody(containing("Public status page: " + shortlink))).isEmpty());
        }

        // marker: "identified" after the reopening; the status-changed to INVESTIGATING and the paging that followed
        // the reopen were handled before it (one key, in order) and posted nothing
        events.send(TestEvents.statusChanged(incidentId, IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED));
        List<ConsumerRecord<String, String>> upToIdentified = events.awaitThrough(incidentId, TestEvents.event(
                EventType.COMMS_STATUS_PAGE_UPDATED, StatusPageUpdated.class, u -> "identified".equals(u.status())));
        assertThat(upToIdentified).filteredOn(TestEvents.ofType(EventType.COMMS_STATUS_PAGE_UPDATED))
                .extracting(r -> EventCodec.decode(StatusPageUpdated.class, r.value()).status())
                .containsExactly("investigating", "resolved", "investigating", "identified");
        assertThat(upToIdentified).filteredOn(TestEvents.ofType(EventType.COMMS_NOTIFICATION_SENT))
                .extracting(r -> route(EventCodec.decode(NotificationSent.class, r.value())))
                .containsExactly("status_page/customers/initial", "webhook/responders/initial",
                        "status_page/customers/resolution", "webhook/stakeholders/resolution",
                        "status_page/customers/update", "webhook/stakeholders/update", "webhook/responders/update");
    }

    @Test
    void aNonPublicIncidentReopensOffThePage() {
        String incidentId = TestIds.newIncidentId();
        String service = TestIds.unique("batch");
        Instant started = Instant.now().minus(10, ChronoUnit.MINUTES);
        events.send(TestEvents.declared(incidentId, Severity.P3, service, "nightly job late", null, started));
        events.send(TestEvents.resolved(incidentId, Severity.P3, service, "nightly job late", "a stuck lock",
                started, Instant.now().minusSeconds(30)));
        events.send(TestEvents.reopened(incidentId, "job late again (reopened by carol)"));
        events.send(TestEvents.statusChanged(incidentId, IncidentStatus.RESOLVED, IncidentStatus.INVESTIGATING));
        events.send(TestEvents.respondersPaged(incidentId, Severity.P3));
        // marker: a second resolution, told under another title
        events.send(TestEvents.resolved(incidentId, Severity.P3, service, "the marker", "a stuck lock", started,
                Instant.now()));

        List<ConsumerRecord<String, String>> upToMarker = events.awaitThrough(incidentId, TestEvents.event(
                EventType.COMMS_NOTIFICATION_SENT, NotificationSent.class, n -> n.subject().endsWith("resolved: the marker")));
        assertThat(upToMarker).noneMatch(TestEvents.ofType(EventType.COMMS_STATUS_PAGE_UPDATED));
        assertThat(upToMarker).filteredOn(TestEvents.ofType(EventType.COMMS_NOTIFICATION_SENT))
                .extracting(r -> route(EventCodec.decode(NotificationSent.class, r.value())))
                .containsExactly("webhook/responders/initial", "webhook/stakeholders/resolution",
                        "webhook/stakeholders/update", "webhook/responders/update", "webhook/stakeholders/resolution");
        assertThat(component("/api/v2/components.json", service)).isEmpty();
        long pageRows = QuarkusTransaction.requiringNew().call(() -> (Long) em
                .createQuery("select count(p) from PageIncident p where p.incidentId = :id")
                .setParameter("id", incidentId).getSingleResult());
        assertThat(pageRows).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> !webhooks.findAll(
                postRequestedFor(urlPathEqualTo(WebhookReceiverResource.RESPONDERS))
                        .withRequestBody(containing("[P3 Low] " + incidentId + " reopened: job late again (reopened by carol)"))
                        .withRequestBody(containing("No public status-page incident"))).isEmpty());
    }

    private static String route(NotificationSent n) {
        return n.channel() + "/" + n.audience() + "/" + n.kind();
    }
}
