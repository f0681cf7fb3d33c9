package io.incidentops.comms;

import io.incidentops.comms.support.Components;
import io.incidentops.comms.support.EventsTest;
import io.incidentops.comms.support.TestEvents;
import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.comms.NotificationSent;
import io.incidentops.events.comms.StatusPageUpdated;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.incidentops.comms.support.StatusPageClient.incident;
import static io.incidentops.comms.support.StatusPageClient.updates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Intake's grouped-alert events: {@code incident.alerts-resolved} moves the public incident to monitoring with one
 * update (the MONITORING that follows it adds none); {@code incident.alert-activity} posts nothing.
 */
@QuarkusTest
class AlertEventsTest extends EventsTest {

    private static final String CLEARED =
            "Our monitoring shows the issue has cleared; we are verifying that service is fully restored.";
    private static final String FIX_IMPLEMENTED = "A fix has been implemented and we are monitoring the results.";


    @Test
    void alertsResolvedPostsOneMonitoringUpdateBeforeTheResolution() {
        String incidentId = TestIds.newIncidentId();
        String service = TestIds.unique("search");
        String publicName = TestIds.unique("Search");
        Components.create(publicName, service);
        Instant started = Instant.now().minus(15, ChronoUnit.MINUTES);
        events.send(TestEvents.declared(incidentId, Severity.P1, service, "slow queries", null, started));
        // as intake emits them: alerts-resolved, then the status change it causes
        events.send(TestEvents.alertsResolved(incidentId, 3));
        events.send(TestEvents.statusChanged(incidentId, IncidentStatus.INVESTIGATING, IncidentStatus.MONITORING));

        String name = publicName + " experiencing a partial outage";
        await().atMost(Duration.ofSeconds(30)).until(() -> incident("/api/v2/incidents/unresolved.json", name)
                .filter(i -> "monitoring".equals(i.get("status"))).isPresent());
        Map<String, Object> monitoring = incident("/api/v2/incidents.json", name).orElseThrow();
        assertThat(monitoring.get("monitoring_at")).isNotNull();
        assertThat(updates(monitoring).get(0).get("body")).isEqualTo(CLEARED);

        // the verified recovery resolves it as before; its update is the marker
        events.send(TestEvents.resolved(incidentId, Severity.P1, service, "slow queries", "a missing index",
                started, Instant.now()));
        List<ConsumerRecord<String, String>> upToResolution = events.awaitThrough(incidentId, TestEvents.event(
                EventType.COMMS_STATUS_PAGE_UPDATED, StatusPageUpdated.class, u -> "resolved".equals(u.status())));
        List<StatusPageUpdated> posted = pageUpdates(upToResolution);
        assertThat(posted).extracting(StatusPageUpdated::status).containsExactly("investigating", "monitoring", "resolved");
        assertThat(posted.get(1).body()).isEqualTo(CLEARED);
        Map<String, Object> resolved = incident("/api/v2/incidents.json", publicName + " issue resolved").orElseThrow();
        assertThat(updates(resolved)).extracting(u -> u.get("status"))
                .containsExactly("resolved", "monitoring", "investigating");
        assertThat(resolved.get("resolved_at")).isNotNull();
    }

    @Test
    void alertsClearingAfterAFixIsToldWhileMonitoring() {
        String incidentId = TestIds.newIncidentId();
        String service = TestIds.unique("cart");
        Instant started = Instant.now().minus(15, ChronoUnit.MINUTES);
        events.send(TestEvents.declared(incidentId, Severity.P0, service, "cart down", null, started));
        // a mitigation moved the incident to MONITORING first; intake emits no second MONITORING
        events.send(TestEvents.statusChanged(incidentId, IncidentStatus.MITIGATING, IncidentStatus.MONITORING));
        events.send(TestEvents.alertsResolved(incidentId, 1));
        events.send(TestEvents.resolved(incidentId, Severity.P0, service, "cart down", "a full disk", started,
                Instant.now()));

        List<ConsumerRecord<String, String>> upToResolution = events.awaitThrough(incidentId, TestEvents.event(
                EventType.COMMS_STATUS_PAGE_UPDATED, StatusPageUpdated.class, u -> "resolved".equals(u.status())));
        List<StatusPageUpdated> posted = pageUpdates(upToResolution);
        assertThat(posted).extracting(StatusPageUpdated::status)
                .containsExactly("investigating", "monitoring", "monitoring", "resolved");
        assertThat(posted).extracting(StatusPageUpdated::body).containsSubsequence(FIX_IMPLEMENTED, CLEARED);
    }

    @Test
    void alertActivityPostsNothing() {
        String incidentId = TestIds.newIncidentId();
        String service = TestIds.unique("checkout");
        String publicName = TestIds.unique("Checkout");
        Components.create(publicName, service);
        events.send(TestEvents.declared(incidentId, Severity.P1, service, "elevated error rates", null,
                Instant.now().minusSeconds(120)));
        List<UUID> activity = List.of(
                events.send(TestEvents.alertActivity(incidentId, 40)),
                events.send(TestEvents.alertActivity(incidentId, 1200)),
                events.send(TestEvents.alertActivity(incidentId, 7)));
        // marker: "identified"; the three activity events before it were handled first (one key, in order)
        events.send(TestEvents.statusChanged(incidentId, IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED));

        List<ConsumerRecord<String, String>> upToIdentified = events.awaitThrough(incidentId, TestEvents.event(
                EventType.COMMS_STATUS_PAGE_UPDATED, StatusPageUpdated.class, u -> "identified".equals(u.status())));
        assertThat(pageUpdates(upToIdentified)).extracting(StatusPageUpdated::status)
                .containsExactly("investigating", "identified");
        assertThat(upToIdentified).filteredOn(TestEvents.ofType(EventType.COMMS_NOTIFICATION_SENT))
                .extracting(r -> {
                    NotificationSent n = EventCodec.decode(NotificationSent.class, r.value());
                    return n.channel() + "/" + n.audience() + "/" + n.kind();
                })
                .containsExactly("status_page/customers/initial", "webhook/responders/initial"); // the marker's follows it
        assertThat(updates(incident("/api/v2/incidents.json", publicName + " experiencing a partial outage")
                .orElseThrow())).hasSize(2);
        // a type comms does not handle is passed over before any transaction, so it leaves no inbox row
        long recorded = QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT count(*) FROM processed_event WHERE event_id IN (:ids)")
                .setParameter("ids", activity).getSingleResult()).longValue());
        assertThat(recorded).isZero();
    }

    private static List<StatusPageUpdated> pageUpdates(List<ConsumerRecord<String, String>> records) {
        return records.stream().filter(TestEvents.ofType(EventType.COMMS_STATUS_PAGE_UPDATED))
                .map(r -> EventCodec.decode(StatusPageUpdated.class, r.value())).toList();
    }
}
