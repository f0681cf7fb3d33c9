package io.incidentops.events.model;

import java.time.Duration;
import java.util.Optional;

/** Whether a post-incident review must follow an incident, and within which time (seed step 11). */
public enum PirRequirement {
    REQUIRED(Duration.ofHours(48)),
    RECOMMENDED(Duration.ofDays(7)),
    OPTIONAL(null);

    private final Duration within;

    PirRequirement(Duration within) { this.within = within; }

    public Optional<Duration> within() { return Optional.ofNullable(within); }
}
