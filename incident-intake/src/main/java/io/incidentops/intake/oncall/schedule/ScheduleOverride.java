package io.incidentops.intake.oncall.schedule;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;

/** User {@code user} is on call from {@code start} to {@code end} (ISO-8601 instants), whatever the layers say. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScheduleOverride(String id, String user, String start, String end) {

    public boolean covers(Instant t) {
        return !t.isBefore(Instant.parse(start)) && t.isBefore(Instant.parse(end));
    }
}
