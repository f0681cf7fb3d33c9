package io.incidentops.executor;

import io.incidentops.events.EventType;
import io.incidentops.events.executor.DiagnosticsCollected;
import io.incidentops.events.executor.RunbookStarted;
import io.incidentops.events.model.IncidentType;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.incidentops.executor.TestEvents.count;
import static io.incidentops.executor.TestEvents.dataOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Third-party dependencies' Statuspage v2 summary.json pages (WireMockResource serves them): read by the vendor
 * worker, they choose third_party_outage when one is down, and diagnostics report each one's state.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = WireMockResource.class, restrictToAnnotatedClass = false)
class VendorStatusTest extends EventsTestBase {

    private static final String PAYMENTS_LINE = "payments DOWN (Partial System Outage; incident \"Elevated API errors\":"
            + " identified, major https://stspg.io/x7r2k9)";


    @Test
    void aDependencyDownChoosesTheThirdPartyRunbookAndIsReported() {
        await().atMost(Duration.ofSeconds(30)).until(() -> "DOWN".equals(state("vendor-svc", "payments"))
                && "UP".equals(state("vendor-svc", "codehost")));

        List<ConsumerRecord<String, String>> events = declareErrorRateIncident("vendor-svc");
        assertThat(dataOf(events, EventType.RUNBOOK_STARTED, RunbookStarted.class).get(0).runbook())
                .isEqualTo("third_party_outage");
        DiagnosticsCollected diagnostics = dataOf(events, EventType.DIAGNOSTICS_COLLECTED, DiagnosticsCollected.class).get(0);
        // dependencies by name; only the watched component counts for the code host (its page says "minor" overall)
        assertThat(diagnostics.thirdParty()).isEqualTo("codehost UP (Git Operations operational); " + PAYMENTS_LINE);
        assertThat(diagnostics.likelyCause())
                .isEqualTo("Third-party dependency " + PAYMENTS_LINE + ": check failover, fallbacks and degraded mode");
    }

    @Test
    void dependenciesUpLeaveTheSymptomsRunbook() {
        await().atMost(Duration.ofSeconds(30)).until(() -> "UP".equals(state("vendor-ok-svc", "codehost")));

        List<ConsumerRecord<String, String>> events = declareErrorRateIncident("vendor-ok-svc");
        assertThat(dataOf(events, EventType.RUNBOOK_STARTED, RunbookStarted.class).get(0).runbook())
                .isEqualTo("high_error_rate");
        assertThat(dataOf(events, EventType.DIAGNOSTICS_COLLECTED, DiagnosticsCollected.class).get(0).thirdParty())
                .isEqualTo("codehost UP (Git Operations operational)");
    }

    private List<ConsumerRecord<String, String>> declareErrorRateIncident(String service) {
        String incident = TestIds.newIncidentId();
        TestEvents.sendDeclared(kafka, TestEvents.declared(incident, service, IncidentType.PERFORMANCE_DEGRADATION,
                service + " error rate above 5%", Instant.now()));
        return TestEvents.await(kafka, incident, l -> count(l, EventType.RUNBOOK_STARTED) == 1
                && count(l, EventType.DIAGNOSTICS_COLLECTED) == 1);
    }

    private String state(String service, String dependency) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                        "SELECT state FROM vendor_status WHERE service = :s AND dependency = :d")
                .setParameter("s", service).setParameter("d", dependency)
                .getResultStream().findFirst().orElse(null));
    }
}
