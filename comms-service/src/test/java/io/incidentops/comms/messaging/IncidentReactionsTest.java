package io.incidentops.comms.messaging;

import io.incidentops.comms.support.TestEvents;
import io.incidentops.events.EventType;
import io.incidentops.events.IncidentEventData;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.Severity;
import io.incidentops.platform.messaging.ReceivedEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code incident.alert-activity} is intake's highest-rate event: comms ignores it before touching any of its
 * features, so the platform's inbox row is all it costs. (AlertEventsTest shows the same over the real broker.)
 */
class IncidentReactionsTest {

    /** No collaborator injected: any use of one fails. */
    private final IncidentReactions reactions = new IncidentReactions();

    @Test
    void alertActivityTouchesNothing() {
        assertThatCode(() -> reactions.on(received(TestEvents.alertActivity("INC-20260101-0001", 500))))
                .doesNotThrowAnyException();
        assertThatCode(() -> reactions.on(received(TestEvents.respondersPaged("INC-20260101-0001",
                Severity.P1)))).doesNotThrowAnyException();
    }

    @Test
    void anEventCommsActsOnDoesReachItsFeatures() {
        // the check above is not vacuous: a handled event does use the (missing) collaborators
        assertThatThrownBy(() -> reactions.on(received(TestEvents.statusChanged("INC-20260101-0001",
                IncidentStatus.INVESTIGATING, IncidentStatus.IDENTIFIED)))).isInstanceOf(NullPointerException.class);
    }

    private static ReceivedEvent received(IncidentEventData data) {
        return new ReceivedEvent(UUID.randomUUID(), EventType.of(data), "/incidentops/incident-intake",
                data.incidentId(), Instant.now(), data);
    }
}
