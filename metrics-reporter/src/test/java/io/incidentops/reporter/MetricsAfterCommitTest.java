package io.incidentops.reporter;

import io.incidentops.events.EventType;
import io.incidentops.events.IncidentEventData;
import io.incidentops.events.executor.EscalationRequested;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Severity;
import io.incidentops.platform.messaging.ReceivedEvent;
import io.incidentops.reporter.messaging.IncidentReactions;
import io.incidentops.reporter.mttr.MttrResult;
import io.incidentops.reporter.timeline.IncidentSummary;
import io.incidentops.testsupport.TestIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Counters move only when the work they count committed: the processor retries a failed event in a new transaction,
 * and a count taken inside the failed one would be counted twice.
 */
@QuarkusTest
class MetricsAfterCommitTest {

    @Inject
    IncidentReactions handler;

    @Inject
    MeterRegistry registry;

    @Test
    void aRolledBackResolutionCountsNothingAndTheCommittedOneCountsOnce() {
        String id = TestIds.newIncidentId();
        Instant t0 = Instant.parse("2024-06-01T00:00:00Z");
        List<IncidentEventData> events = List.of(
                new IncidentDeclared(id, "Queue backlog", null, "billing", Severity.P2, IncidentType.SERVICE_OUTAGE,
                        IncidentStatus.DECLARED, "prometheus", null, Map.of(), null, t0, t0.plusSeconds(60)),
                new EscalationRequested(id, "backlog growing", t0.plusSeconds(90)),
                new IncidentResolved(id, Severity.P2, null, null, null, "stuck consumer", "Ivy", t0, t0.plusSeconds(60),
                        t0.plusSeconds(120), t0.plusSeconds(600), t0.plusSeconds(1200)));
        Map<String, Double> before = counts();

        // as when the processor's transaction fails after the handler did its work (and the event is retried)
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            events.forEach(data -> handler.on(received(data)));
            throw new IllegalStateException("failure before commit");
        })).hasMessage("failure before commit");
        assertThat(QuarkusTransaction.requiringNew().call(() -> IncidentSummary.find(id).isPresent()
                || MttrResult.find(id).isPresent())).as("anything stored by the rolled-back transaction").isFalse();
        assertThat(counts()).isEqualTo(before);

        QuarkusTransaction.requiringNew().run(() -> events.forEach(data -> handler.on(received(data))));
        assertThat(counts()).isEqualTo(Map.of(
                "timeline.events{escalation.requested}", before.get("timeline.events{escalation.requested}") + 1,
                "documents{incident-report}", before.get("documents{incident-report}") + 1,
                "documents{pir}", before.get("documents{pir}") + 1,
                "sla.results{P2,met}", before.get("sla.results{P2,met}") + 1,
                "mttr.phase{total,P2}", before.get("mttr.phase{total,P2}") + 1));
    }

    private static ReceivedEvent received(IncidentEventData data) {
        return new ReceivedEvent(UUID.randomUUID(), EventType.of(data), "/test", data.incidentId(), Instant.now(), data);
    }

    /** One counter per recording site; a meter not registered yet counts 0. */
    private Map<String, Double> counts() {
        return Map.of(
                "timeline.events{escalation.requested}",
                count(registry.find("incidentops.reporter.timeline.events").tag("type", "escalation.requested").counter()),
                "documents{incident-report}",
                count(registry.find("incidentops.reporter.documents").tag("kind", "incident-report").counter()),
                "documents{pir}", count(registry.find("incidentops.reporter.documents").tag("kind", "pir").counter()),
                "sla.results{P2,met}", count(registry.find("incidentops.reporter.sla.results")
                        .tags("severity", "P2", "result", "met").counter()),
                "mttr.phase{total,P2}", count(registry.find("incidentops.reporter.mttr.phase")
                        .tags("phase", "total", "severity", "P2").timer()));
    }

    private static double count(Counter counter) {
        return counter == null ? 0 : counter.count();
    }

    private static double count(Timer timer) {
        return timer == null ? 0 : timer.count();
    }
}
