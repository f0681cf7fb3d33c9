package io.incidentops.comms.incident;

import io.incidentops.events.model.Severity;

import java.time.Instant;
import java.util.Optional;

/**
 * A resolved incident open again, as comms tells it: the event's reason and time, and what was remembered of the
 * incident (an incident comms never saw declared is still announced, with what the event says).
 *
 * @param incident what comms remembers of the incident; null when it was never seen declared
 * @param reason   why it was reopened; null when the event gives none
 */
public record Reopening(String incidentId, TrackedIncident incident, String reason, Instant reopenedAt) {

    public Optional<TrackedIncident> tracked() {
        return Optional.ofNullable(incident);
    }

    /** null when the incident is not tracked */
    public Severity severity() {
        return incident == null ? null : incident.severity;
    }
}
