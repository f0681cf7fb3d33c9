package io.incidentops.intake.oncall.schedule;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * When a layer covers, as PagerDuty's layer restrictions: {@code daily_restriction} from {@code start_time_of_day} for
 * {@code duration_seconds} every day, or {@code weekly_restriction} from {@code start_day_of_week} (1 = Monday ... 7 =
 * Sunday) at {@code start_time_of_day}. Both are wall-clock in the schedule's zone: the window ends at start + duration
 * in local time, so 09:00 + 8 h is 09:00-17:00 local on both sides of a DST change.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Restriction(String type, String startTimeOfDay, Long durationSeconds, Integer startDayOfWeek) {

    public static final String DAILY = "daily_restriction";
    public static final String WEEKLY = "weekly_restriction";

    /** A span of time in which the layer covers. */
    public record Window(Instant start, Instant end) {
        boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    public boolean weekly() {
        return WEEKLY.equals(type);
    }

    /** The longest window this type allows: a day, or a week. */
    public Duration maxDuration() {
        return weekly() ? Duration.ofDays(7) : Duration.ofDays(1);
    }

    /** Windows that start on local dates {@code from} to {@code to} (inclusive). */
    public List<Window> windowsStarting(LocalDate from, LocalDate to, ZoneId zone) {
        List<Window> out = new ArrayList<>();
        LocalTime at = LocalTime.parse(startTimeOfDay);
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (weekly() && d.getDayOfWeek() != DayOfWeek.of(startDayOfWeek)) continue;
            LocalDateTime start = d.atTime(at);
            out.add(new Window(start.atZone(zone).toInstant(), start.plusSeconds(durationSeconds).atZone(zone).toInstant()));
        }
        return out;
    }
}
