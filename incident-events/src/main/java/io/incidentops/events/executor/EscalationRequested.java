package io.incidentops.events.executor;

import io.incidentops.events.IncidentEventData;
import java.time.*;
import java.util.*;

/** The executor asks for escalation (a mitigation failed, recovery did not verify). */
public record EscalationRequested(String incidentId, String reason, Instant requestedAt) implements IncidentEventData {
    public EscalationRequested {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
