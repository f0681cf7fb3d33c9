package io.incidentops.events.intake;

import io.incidentops.events.IncidentEventData;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An escalation step of the incident came due and paged nobody: active silences or maintenance windows hold it back
 * until {@code until}, when it comes due again (the alerts are still recorded). Tells the timeline, and whoever reads
 * it later, why nobody was woken.
 *
 * @param stepId   the escalation step held back
 * @param silences the silences that matched, each with its comment and author
 */
public record PagingSuppressed(String incidentId, String stepId, List<Silence> silences, Instant until,
        Instant suppressedAt) implements IncidentEventData {

    public PagingSuppressed {
        Objects.requireNonNull(incidentId, "incidentId");
        silences = silences == null ? List.of() : List.copyOf(silences);
    }

    /** A silence as the timeline names it. */
    public record Silence(String id, String comment, String createdBy) {
    }
}
