package io.incidentops.events.executor;

import io.incidentops.events.IncidentEventData;
import io.incidentops.events.model.MitigationAction;

import java.time.Instant;
import java.util.Objects;

/** A commander approved a waiting mitigation; it is carried out next ({@code mitigation.applied} or {@code .failed}). */
public record MitigationApproved(String incidentId, String mitigationId, MitigationAction action, String target,
        String approvedBy, Instant approvedAt) implements IncidentEventData {
    public MitigationApproved {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(mitigationId, "mitigationId");
    }
}
