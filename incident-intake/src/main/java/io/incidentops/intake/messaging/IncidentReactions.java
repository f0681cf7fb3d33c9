package io.incidentops.intake.messaging;

import io.incidentops.events.EventType;
import io.incidentops.events.comms.UpdateDue;
import io.incidentops.events.executor.EscalationRequested;
import io.incidentops.events.executor.MitigationApplied;
import io.incidentops.events.executor.MitigationFailed;
import io.incidentops.events.executor.RecoveryFailed;
import io.incidentops.events.executor.RecoveryVerified;
import io.incidentops.intake.incident.CommanderReminders;
import io.incidentops.intake.incident.IncidentLifecycle;
import io.incidentops.platform.messaging.IncidentEventHandler;
import io.incidentops.platform.messaging.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.EnumSet;
import java.util.Set;

/**
 * What intake does with other services' events: the executor's drive the status; comms' {@code comms.update-due}
 * reminds the commander. Everything else is ignored.
 */
@ApplicationScoped
public class IncidentReactions implements IncidentEventHandler {

    private static final Set<EventType> HANDLED = EnumSet.of(EventType.MITIGATION_APPLIED,
            EventType.MITIGATION_FAILED, EventType.RECOVERY_VERIFIED, EventType.RECOVERY_FAILED,
            EventType.ESCALATION_REQUESTED, EventType.COMMS_UPDATE_DUE);

    @Inject
    IncidentLifecycle lifecycle;

    @Inject
    CommanderReminders reminders;

    @Override
    public boolean handles(EventType type) {
        return HANDLED.contains(type);
    }

    @Override
    public void on(ReceivedEvent event) {
        if (event.data() instanceof MitigationApplied m) {
            lifecycle.onMitigationApplied(m);
        } else if (event.data() instanceof MitigationFailed f) {
            lifecycle.onMitigationFailed(f);
        } else if (event.data() instanceof RecoveryVerified r) {
            lifecycle.onRecoveryVerified(r);
        } else if (event.data() instanceof RecoveryFailed r) {
            lifecycle.onRecoveryFailed(r);
        } else if (event.data() instanceof EscalationRequested e) {
            lifecycle.onEscalationRequested(e);
        } else if (event.data() instanceof UpdateDue d) {
            reminders.updateDue(d);
        }
    }
}
