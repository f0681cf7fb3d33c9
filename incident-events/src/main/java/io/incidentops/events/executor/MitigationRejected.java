package io.incidentops.events.executor;

import io.incidentops.events.IncidentEventData;
import io.incidentops.events.model.MitigationAction;

import java.time.Instant;
import java.util.Objects;

/** A commander rejected a waiting mitigation, with their reason: it is never carried out. */
public record MitigationRejected(String incidentId, String mitigationId, MitigationAction action, String target,
        String rejectedBy, String reason, Instant rejectedAt) implements IncidentEventData {
    public MitigationRejected {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(mitigationId, "mitigationId");
    }
}
