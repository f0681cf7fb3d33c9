package io.incidentops.comms.incident;

import io.incidentops.events.model.Severity;

import java.time.Instant;
import java.util.Optional;

/**
 * A fix that did not hold ({@code recovery.failed}), as comms tells it: the executor's reason and time, and what was
 * remembered of the incident, its commander included (an incident comms never saw declared is still announced).
 *
 * @param incident what comms remembers of the incident; null when it was never seen declared
 * @param reason   why recovery failed; null when the event gives none
 */
public record FailedRecovery(String incidentId, TrackedIncident incident, String reason, Instant failedAt) {

    public Optional<TrackedIncident> tracked() {
        return Optional.ofNullable(incident);
    }

    /** null when the incident is not tracked */
    public Severity severity() {
        return incident == null ? null : incident.severity;
    }

    /** The commander's name, when intake named one. */
    public Optional<String> commander() {
        return tracked().map(t -> t.commanderName).filter(n -> !n.isBlank());
    }
}
