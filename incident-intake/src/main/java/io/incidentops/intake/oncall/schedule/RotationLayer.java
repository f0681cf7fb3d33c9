package io.incidentops.intake.oncall.schedule;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * One rotation: from {@code start} (a date) at {@code handoffTime} (local time of the schedule's zone), the users take
 * turns in order, each for {@code rotationInterval} ({@code P1D}, {@code P7D}: calendar days, so a 09:00 handoff stays
 * 09:00 local across DST; or {@code PT12H}: exact hours). With {@code restrictions} the layer covers only inside
 * them (business hours, say); none (or an empty list) means around the clock. Later layers take precedence over
 * earlier ones where they cover.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RotationLayer(String name, String start, String handoffTime, String rotationInterval, List<String> users,
                            List<Restriction> restrictions) {

    public RotationLayer(String name, String start, String handoffTime, String rotationInterval, List<String> users) {
        this(name, start, handoffTime, rotationInterval, users, List.of());
    }

    /** Stored layers from before restrictions existed read as unrestricted. */
    public List<Restriction> restrictions() {
        return restrictions == null ? List.of() : restrictions;
    }
}
