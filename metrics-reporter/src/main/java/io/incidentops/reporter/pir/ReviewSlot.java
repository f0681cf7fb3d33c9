package io.incidentops.reporter.pir;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The proposed PIR meeting: the latest whole-hour slot that ends by the review's deadline, on a weekday within working
 * hours of the team's zone, and starts after {@code earliest} (people review while they still remember, but need the
 * time the requirement gives them). Without such a slot (a deadline over a weekend right after resolution) the meeting
 * simply ends at the deadline.
 */
record ReviewSlot(Instant start, Instant end) {

    static ReviewSlot before(Instant deadline, Duration length, Instant earliest, ZoneId zone,
                             LocalTime workdayStart, LocalTime workdayEnd) {
        ZonedDateTime candidate = deadline.minus(length).atZone(zone).truncatedTo(ChronoUnit.HOURS);
        while (!candidate.toInstant().isBefore(earliest)) {
            ZonedDateTime end = candidate.plus(length);
            if (isWorkday(candidate.getDayOfWeek()) && end.toLocalDate().equals(candidate.toLocalDate())
                    && !candidate.toLocalTime().isBefore(workdayStart) && !end.toLocalTime().isAfter(workdayEnd)) {
                return new ReviewSlot(candidate.toInstant(), end.toInstant());
            }
            candidate = candidate.minusHours(1);
        }
        return new ReviewSlot(deadline.minus(length), deadline);
    }

    private static boolean isWorkday(DayOfWeek day) {
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }
}
