package io.incidentops.comms.watchdog;

import java.time.Duration;

/**
 * What one check of one condition found: healthy or not, with a one-line detail for the owners, and how long it may stay
 * unhealthy before they are paged ({@code grace}; zero pages at once).
 */
public record Observation(String condition, boolean healthy, String detail, Duration grace) {

    public static Observation healthy(String condition, String detail) {
        return new Observation(condition, true, detail, Duration.ZERO);
    }

    public static Observation unhealthy(String condition, String detail) {
        return new Observation(condition, false, detail, Duration.ZERO);
    }

    public Observation withGrace(Duration grace) {
        return new Observation(condition, healthy, detail, grace);
    }
}
