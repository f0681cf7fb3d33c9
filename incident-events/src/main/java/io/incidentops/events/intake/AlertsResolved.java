package io.incidentops.events.intake;

import io.incidentops.events.IncidentEventData;

import java.time.Instant;
import java.util.Objects;

/**
 * Every alert of the incident has resolved at its source (the incident moves to MONITORING; a verified recovery
 * resolves it).
 *
 * @param alerts how many distinct alerts the incident has
 */
public record AlertsResolved(String incidentId, int alerts, Instant resolvedAt) implements IncidentEventData {
    public AlertsResolved {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
