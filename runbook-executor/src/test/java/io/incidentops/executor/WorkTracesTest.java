package io.incidentops.executor;

import io.incidentops.events.EventType;
import io.incidentops.events.intake.AlertsResolved;
import io.incidentops.events.model.IncidentType;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.KafkaTestClient;
import io.incidentops.testsupport.TestIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.incidentops.executor.TestEvents.count;
import static io.incidentops.testsupport.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the executor's workers do later (collect diagnostics, run automated steps, check recovery) continues the trace
 * of the event that created the work: a caller's sampled {@code traceparent} header on the event, then the events the
 * workers publish in that trace.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = WireMockResource.class, restrictToAnnotatedClass = false)
class WorkTracesTest {

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void diagnosticsAndAutomatedStepsArePublishedInTheDeclarationsTrace() {
        healthy("traced-svc");
        String incident = TestIds.newIncidentId();
        String traceId = newTraceId();
        TestEvents.sendInTrace(kafka, TestEvents.declared(incident, "traced-svc", IncidentType.SERVICE_OUTAGE,
                "traced-svc is down", Instant.now()), sampled(traceId));

        // service_down: steps 1 and 5 are automated
        List<ConsumerRecord<String, String>> events = TestEvents.await(kafka, incident,
                l -> count(l, EventType.DIAGNOSTICS_COLLECTED) == 1 && count(l, EventType.RUNBOOK_STEP_COMPLETED) == 2);
        assertThat(traceparents(events, EventType.DIAGNOSTICS_COLLECTED)).as("collected later by the diagnostics worker")
                .singleElement().satisfies(tp -> assertThat(tp).startsWith("00-" + traceId + "-").endsWith("-01"));
        assertThat(traceparents(events, EventType.RUNBOOK_STEP_COMPLETED)).as("run by the automated-step worker")
                .hasSize(2).allSatisfy(tp -> assertThat(tp).startsWith("00-" + traceId + "-").endsWith("-01"));
    }

    @Test
    void aRecoveryVerificationIsPublishedInTheTraceOfWhatStartedIt() {
        healthy("traced-recovery-svc");
        String incident = MitigationTest.declare(kafka, "traced-recovery-svc");
        String traceId = newTraceId();
        TestEvents.sendInTrace(kafka, new AlertsResolved(incident, 1, Instant.now()), sampled(traceId));

        List<ConsumerRecord<String, String>> events = TestEvents.await(kafka, incident,
                l -> count(l, EventType.RECOVERY_VERIFIED) == 1);
        assertThat(traceparents(events, EventType.RECOVERY_VERIFIED)).as("announced by the recovery worker's last check")
                .singleElement().satisfies(tp -> assertThat(tp).startsWith("00-" + traceId + "-").endsWith("-01"));
    }

    private static void healthy(String service) {
        WireMockResource.server().stubFor(get(urlEqualTo("/health/" + service)).willReturn(aResponse().withStatus(200)));
    }

    /** The traceparent headers of the events of this type (null where one has none). */
    private static List<String> traceparents(List<ConsumerRecord<String, String>> records, EventType type) {
        return records.stream().filter(r -> type.ceType().equals(header(r, "ce_type")))
                .map(r -> header(r, "traceparent")).toList();
    }

    private static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** A caller's sampled W3C traceparent in that trace. */
    private static String sampled(String traceId) {
        return "00-" + traceId + "-00f067aa0ba902b7-01";
    }
}
