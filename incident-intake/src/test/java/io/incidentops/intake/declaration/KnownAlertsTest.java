package io.incidentops.intake.declaration;

import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Severity;
import io.incidentops.intake.alerts.Alert;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.incidentops.testsupport.TestIds.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** Which deliveries are repeats answered from memory, and which must go behind a write queued for their alert. */
@QuarkusTest
class KnownAlertsTest {

    @Inject
    KnownAlerts known;

    @Test
    void whileAWriteIsQueuedTheSameStateIsARepeatOfItAndAChangeWaitsBehindIt() {
        String key = unique("known");
        Alert firing = alert(key, false);
        Alert resolved = alert(key, true);
        known.learn(firing, new AlertIntake.Outcome("INC-20261201-001", AlertIntake.DECLARED, key, "g"));
        assertThat(known.countRepeat(firing)).isPresent();

        known.unsettled(List.of(firing)); // e.g. its known state expired and a refreshing write is queued
        assertThat(known.countRepeat(firing)).as("same state as the queued write").isPresent();
        assertThat(known.countRepeat(resolved)).as("a change goes behind the queued write").isEmpty();

        known.unsettled(List.of(resolved)); // the resolve is queued behind the firing
        assertThat(known.countRepeat(firing)).as("firing again must follow the queued resolve").isEmpty();
        known.settled(List.of(firing));
        known.settled(List.of(resolved));
        assertThat(known.countRepeat(firing)).as("settled: what is known answers again").isPresent();
    }

    @Test
    void aGroupIsSeenOnceAnAlertOfItWasAppliedToAnIncident() {
        String group = unique("group");
        Alert a = alert(unique("known"), false);
        assertThat(known.seenGroup(group)).isFalse();
        known.learn(a, new AlertIntake.Outcome(null, AlertIntake.IGNORED, a.dedupKey(), group));
        assertThat(known.seenGroup(group)).as("no incident: the next alert may still declare").isFalse();
        known.learn(a, new AlertIntake.Outcome("INC-20261201-002", AlertIntake.DECLARED, a.dedupKey(), group));
        assertThat(known.seenGroup(group)).isTrue();
    }

    private static Alert alert(String key, boolean resolved) {
        Instant now = Instant.now();
        return new Alert("alertmanager", "svc", "Down", null, Severity.P2, IncidentType.SERVICE_OUTAGE,
                Map.of("service", "svc"), now, null, key, null, null, resolved, now);
    }
}
