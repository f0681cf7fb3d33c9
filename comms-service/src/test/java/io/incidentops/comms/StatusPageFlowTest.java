package io.incidentops.comms;

import io.incidentops.testsupport.TestIds;
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
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.InfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.incidentops.comms.support.StatusPageClient.component;
import static io.incidentops.comms.support.StatusPageClient.get;
import static io.incidentops.comms.support.StatusPageClient.incident;
import static io.incidentops.comms.support.StatusPageClient.incidentCount;
import static io.incidentops.comms.support.StatusPageClient.updates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The status page follows an incident from declaration to resolution (seed steps 3 and 8), over the real broker. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = WebhookReceiverResource.class, restrictToAnnotatedClass = false)
class StatusPageFlowTest extends EventsTest {

    @InjectWireMock
    WireMockServer webhooks;


    @Test
    void p1DeclaredOpensAnInvestigatingIncidentWithTheInitialMessage() {
        String incidentId = TestIds.newIncidentId();
        String service = TestIds.unique("checkout");
        String publicName = TestIds.unique("Checkout");
        Components.create(publicName, service);
        String name = publicName + " experiencing a partial outage";
        events.send(TestEvents.declared(incidentId, Severity.P1, service, "elevated error rates",
                "failed payments at checkout.", Instant.now().minus(5, ChronoUnit.MINUTES)));

        await().atMost(Duration.ofSeconds(30)).until(() -> incident("/api/v2/summary.json", name).isPresent());

        var summary = get("/api/v2/summary.json");
        Map<String, Object> incident = incident("/api/v2/summary.json", name).orElseThrow();
        assertThat(incident.get("status")).isEqualTo("investigating");
        assertThat(incident.get("impact")).isEqualTo("major");
        assertThat(incident.get("resolved_at")).isNull();
        assertThat((String) incident.get("shortlink")).endsWith("/incidents/" + incident.get("id"));
        assertThat(OffsetDateTime.parse((String) incident.get("created_at"))).isNotNull();
        List<Map<String, Object>> updates = updates(incident);
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).get("status")).isEqualTo("investigating");
        assertThat(updates.get(0).get("body")).isEqualTo("We are investigating reports of a partial outage affecting "
                + publicName + ". Our team is actively working on this issue. Next update in 30 minutes.");
        assertThat(updates.get(0).get("affected_components").toString()).contains("new_status=partial_outage");
        assertThat(component("/api/v2/summary.json", publicName).orElseThrow().get("status")).isEqualTo("partial_outage");
        assertThat(summary.getString("status.indicator")).isEqualTo("major");
        assertThat(summary.getString("status.description")).isEqualTo("Partial System Outage");
        assertThat(summary.getList("scheduled_maintenances")).isEmpty();
        assertThat(summary.getString("page.name")).isEqualTo("IncidentOps Status");
        assertThat(summary.getString("page.time_zone")).isEqualTo("UTC");

        StatusPageUpdated updated = EventCodec.decode(StatusPageUpdated.class,
                events.await(EventType.COMMS_STATUS_PAGE_UPDATED, incidentId, 1).get(0).value());
        assertThat(updated.status()).isEqualTo("investigating");
        assertThat(updated.title()).isEqualTo(name);
        assertThat(updated.pageIncidentId()).isEqualTo(incident.get("id"));
        List<NotificationSent> sent = events.await(EventType.COMMS_NOTIFICATION_SENT, incidentId, 2).stream()
                .map(r -> EventCodec.decode(NotificationSent.class, r.value())).toList();
        assertThat(sent).extracting(StatusPageFlowTest::route)
                .contains("status_page/customers/initial", "webhook/responders/initial");
        // marker: the resolution notice is delivered after any second responders notice of the declaration
        events.send(TestEvents.resolved(incidentId, Severity.P1, service, "elevated error rates", "a bad config",
                Instant.now().minus(5, ChronoUnit.MINUTES), Instant.now()));
        awaitWebhook(WebhookReceiverResource.STAKEHOLDERS, incidentId + " resolved");
        webhooks.verify(1, postRequestedFor(urlPathEqualTo(WebhookReceiverResource.RESPONDERS))
                .withRequestBody(containing(incidentId)));
    }

    @Test
    void statusChangesPostUpdatesAndResolutionRestoresTheComponent() {
        String incidentId = TestIds.newIncidentId();
        String service = TestIds.unique("payments");
        String publicName = TestIds.unique("Payments");
        Components.create(publicName, service);
        Instant started = Instant.now().minus(42, ChronoUnit.MINUTES).minusSeconds(10);
        events.send(TestEvents.declared(incidentId, Severity.P1, service, "slow responses", "slow card payments", started));
        events.send(TestEvents.statusChanged(incidentId, IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED));
        events.send(TestEvents.statusChanged(incidentId, IncidentStatus.MITIGATING, IncidentStatus.MONITORING));
        events.send(TestEvents.resolved(incidentId, Severity.P1, service, "slow responses",
                "a faulty deploy of the payment gateway.", started, Instant.now()));

        String resolvedName = publicName + " issue resolved";
        await().atMost(Duration.ofSeconds(30)).until(() -> incident("/api/v2/incidents.json", resolvedName).isPresent());

        Map<String, Object> incident = incident("/api/v2/incidents.json", resolvedName).orElseThrow();
        assertThat(incident.get("status")).isEqualTo("resolved");
        assertThat(incident.get("resolved_at")).isNotNull();
        assertThat(incident.get("monitoring_at")).isNotNull();
        List<Map<String, Object>> updates = updates(incident);
        assertThat(updates).extracting(u -> u.get("status"))
                .containsExactly("resolved", "monitoring", "identified", "investigating");
        // the root cause is written for responders: it goes to the internal notice below, never to customers
        assertThat(updates.get(0).get("body")).isEqualTo("The issue affecting " + publicName + " has been resolved. "
                + "Services are now operating normally. We apologize for the disruption. Duration: 42 min.");
        assertThat(updates.get(1).get("body")).isEqualTo("A fix has been implemented and we are monitoring the results.");
        assertThat((String) updates.get(2).get("body")).startsWith("The issue has been identified");
        assertThat(component("/api/v2/components.json", publicName).orElseThrow().get("status")).isEqualTo("operational");
        assertThat(incident("/api/v2/incidents/unresolved.json", resolvedName)).isEmpty();

        // internal resolution notice with the summary (severity, duration, root cause), once: the marker is a later
        // resolution of the same incident, whose notice is delivered after any second one of the first
        events.send(TestEvents.resolved(incidentId, Severity.P1, service, "slow responses", "the marker", started,
                Instant.now().plusSeconds(1)));
        awaitWebhook(WebhookReceiverResource.STAKEHOLDERS, "Root cause: the marker");
        webhooks.verify(1, postRequestedFor(urlPathEqualTo(WebhookReceiverResource.STAKEHOLDERS))
                .withRequestBody(containing(incidentId + " resolved"))
                .withRequestBody(containing("P1 High"))
                .withRequestBody(containing("Duration: 42 min"))
                .withRequestBody(containing("Root cause: a faulty deploy of the payment gateway")));
        List<NotificationSent> sent = events.await(EventType.COMMS_NOTIFICATION_SENT, incidentId, 6).stream()
                .map(r -> EventCodec.decode(NotificationSent.class, r.value())).toList();
        assertThat(sent).extracting(StatusPageFlowTest::route)
                .contains("status_page/customers/update", "status_page/customers/resolution",
                        "webhook/stakeholders/resolution");
    }

    @Test
    void aDuplicateDeclarationOpensOneIncident() {
        String incidentId = TestIds.newIncidentId();
        String service = TestIds.unique("search");
        String publicName = TestIds.unique("Search");
        Components.create(publicName, service);
        IncidentDeclared declared = TestEvents.declared(incidentId, Severity.P1, service, "timeouts", null,
                Instant.now().minusSeconds(120));
        UUID id = UUID.randomUUID();
        events.send(id, declared);
        events.send(id, declared);           // redelivery of the same event
        events.send(declared);               // the same declaration under a new event id
        events.send(TestEvents.statusChanged(incidentId, IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED));

        String name = publicName + " experiencing a partial outage";
        await().atMost(Duration.ofSeconds(30)).until(() -> incident("/api/v2/incidents.json", name)
                .map(i -> "identified".equals(i.get("status"))).orElse(false));

        assertThat(incidentCount("/api/v2/incidents.json", name)).isEqualTo(1);
        assertThat(updates(incident("/api/v2/incidents.json", name).orElseThrow())).hasSize(2);
        long rows = QuarkusTransaction.requiringNew().call(() -> (Long) em
                .createQuery("select count(p) from PageIncident p where p.incidentId = :id")
                .setParameter("id", incidentId).getSingleResult());
        assertThat(rows).isEqualTo(1);
        // the "identified" update is the marker: the three declarations were handled before it (one key, in order)
        List<ConsumerRecord<String, String>> upToIdentified = events.awaitThrough(incidentId, TestEvents.event(
                EventType.COMMS_STATUS_PAGE_UPDATED, StatusPageUpdated.class, u -> "identified".equals(u.status())));
        assertThat(upToIdentified).filteredOn(TestEvents.ofType(EventType.COMMS_STATUS_PAGE_UPDATED))
                .extracting(r -> EventCodec.decode(StatusPageUpdated.class, r.value()).status())
                .containsExactly("investigating", "identified");
        // and the declaration was announced once ("a second incident.declared for a known incident does nothing")
        assertThat(upToIdentified).filteredOn(TestEvents.ofType(EventType.COMMS_NOTIFICATION_SENT))
                .extracting(r -> route(EventCodec.decode(NotificationSent.class, r.value())))
                .containsExactly("status_page/customers/initial", "webhook/responders/initial");
    }

    private static String route(NotificationSent n) {
        return n.channel() + "/" + n.audience() + "/" + n.kind();
    }

    private void awaitWebhook(String path, String bodyPart) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !webhooks.findAll(postRequestedFor(urlPathEqualTo(path))
                .withRequestBody(containing(bodyPart))).isEmpty());
    }
}
