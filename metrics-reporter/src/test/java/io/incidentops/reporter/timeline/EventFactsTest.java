package io.incidentops.reporter.timeline;

import io.incidentops.events.EventType;
import io.incidentops.events.IncidentEventData;
import io.incidentops.events.comms.NotificationSent;
import io.incidentops.events.comms.WarRoomArchived;
import io.incidentops.events.comms.WarRoomCreated;
import io.incidentops.events.executor.MitigationApprovalRequested;
import io.incidentops.events.executor.MitigationApproved;
import io.incidentops.events.executor.MitigationRejected;
import io.incidentops.events.intake.PagingSuppressed;
import io.incidentops.events.model.MitigationAction;
import io.incidentops.events.model.Severity;
import io.incidentops.platform.messaging.ReceivedEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Events added to the contract late read as one line each on the timeline, at the time their producer gave. */
class EventFactsTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void warRoomCreatedAndArchived() {
        EventFacts created = EventFacts.of(received(new WarRoomCreated("INC-20261126-001", "slack", "C0INC1",
                "incident-inc-20261126-001", "https://slack.com/app_redirect?channel=C0INC1", AT)));
        assertThat(created).isEqualTo(new EventFacts(AT, "War room created on slack: incident-inc-20261126-001"
                + " (https://slack.com/app_redirect?channel=C0INC1)"));

        EventFacts archived = EventFacts.of(received(new WarRoomArchived("INC-20261126-001", "slack", "C0INC1",
                "incident-inc-20261126-001", AT.plusSeconds(86400))));
        assertThat(archived).isEqualTo(new EventFacts(AT.plusSeconds(86400),
                "War room archived: incident-inc-20261126-001"));
    }

    @Test
    void pagingHeldBackNamesTheSilencesAndWhenItResumes() {
        EventFacts held = EventFacts.of(received(new PagingSuppressed("INC-20261126-001", "step-1",
                List.of(new PagingSuppressed.Silence("s-1", "DB upgrade", "alice"),
                        new PagingSuppressed.Silence("s-2", null, null)), AT.plusSeconds(3600), AT)));
        assertThat(held.occurredAt()).isEqualTo(AT);
        assertThat(held.description()).startsWith("Paging held back until ")
                .endsWith(" by silence 'DB upgrade' (alice), silence s-2");
    }

    @Test
    void approvalRequestedApprovedAndRejectedSayWhatWhyAndWho() {
        EventFacts asked = EventFacts.of(received(new MitigationApprovalRequested("INC-20261126-001", "m-1",
                MitigationAction.SCALE, "checkout", "shop/checkout", "scaled checkout from 4 to 8 replicas",
                "saturated", "a scale beyond the workload's configured replica bounds always needs a commander's approval",
                Severity.P2, "bob", AT, "https://executor/approve", "https://executor/reject")));
        assertThat(asked).isEqualTo(new EventFacts(AT, "Mitigation awaits a commander's approval: "
                + MitigationAction.SCALE.label() + " on checkout (Deployment shop/checkout), scaled checkout from 4 to 8"
                + " replicas; a scale beyond the workload's configured replica bounds always needs a commander's approval;"
                + " requested by bob"));

        EventFacts approved = EventFacts.of(received(new MitigationApproved("INC-20261126-001", "m-1",
                MitigationAction.SCALE, "checkout", "cora", AT.plusSeconds(60))));
        assertThat(approved).isEqualTo(new EventFacts(AT.plusSeconds(60), "Mitigation approved by cora: "
                + MitigationAction.SCALE.label() + " on checkout"));

        EventFacts rejected = EventFacts.of(received(new MitigationRejected("INC-20261126-001", "m-2",
                MitigationAction.FAILOVER, "checkout", "cora", "secondary region cold", AT.plusSeconds(120))));
        assertThat(rejected).isEqualTo(new EventFacts(AT.plusSeconds(120), "Mitigation rejected by cora: "
                + MitigationAction.FAILOVER.label() + " on checkout (secondary region cold)"));
    }

    @Test
    void aPageSentNamesWhoWasReachedAndHowOtherMessagesTheirAudience() {
        EventFacts paged = EventFacts.of(received(new NotificationSent("INC-20261126-001", "email", "responders", "page",
                "Alex Rivera", "[P1] INC-20261126-001 Checkout errors — you are paged", AT)));
        assertThat(paged).isEqualTo(new EventFacts(AT, "Paged Alex Rivera via email"));

        EventFacts update = EventFacts.of(received(new NotificationSent("INC-20261126-001", "webhook", "stakeholders",
                "update", "stakeholders-webhook", "Update", AT)));
        assertThat(update).isEqualTo(new EventFacts(AT, "Notification sent via webhook to stakeholders (update)"));
    }

    private static ReceivedEvent received(IncidentEventData data) {
        return new ReceivedEvent(UUID.randomUUID(), EventType.of(data), "/incidentops/comms-service",
                data.incidentId(), Instant.now(), data);
    }
}
