package io.incidentops.intake.oncall.silence;

import io.incidentops.intake.oncall.people.Validation;
import io.incidentops.platform.problem.InvalidInputException;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A weekly maintenance window: on each of {@code days}, from {@code startTime} local time in {@code timeZone}, for
 * {@code duration}. The start stays at the same wall-clock time across DST changes (a 02:00 start that falls in the
 * spring-forward gap begins at 03:00); the duration is elapsed time, as an iCalendar {@code DURATION} is.
 * (ical4j, for full RRULEs, is not on intake's classpath; a weekly rule covers maintenance windows.)
 */
public record Recurrence(String timeZone, List<String> days, String startTime, String duration) {

    static final Duration MAX_DURATION = Duration.ofDays(7);

    /** One occurrence, [start, end). */
    public record Occurrence(Instant start, Instant end) {
    }

    static Recurrence valid(Recurrence r) {
        String zone = Validation.zone(r.timeZone(), "recurrence.timeZone");
        if (r.days() == null || r.days().isEmpty() || r.days().size() > 7) {
            throw new InvalidInputException("recurrence.days", "must name 1 to 7 days of the week, e.g. [\"SUNDAY\"]");
        }
        List<String> days = new ArrayList<>();
        for (String d : r.days()) {
            try {
                String day = DayOfWeek.valueOf(d == null ? "" : d.strip().toUpperCase(Locale.ROOT)).name();
                if (!days.contains(day)) days.add(day);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("recurrence.days", "must be days of the week such as MONDAY");
            }
        }
        String start;
        try {
            start = LocalTime.parse(r.startTime() == null ? "" : r.startTime()).toString();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("recurrence.startTime", "must be a local time such as 02:00");
        }
        Duration d = Validation.duration(r.duration(), "recurrence.duration", MAX_DURATION);
        Validation.require(!d.isZero(), "recurrence.duration", "must be longer than PT0S");
        return new Recurrence(zone, days, start, d.toString());
    }

    /** The occurrence under way at {@code t}, if any (the latest one when occurrences overlap). */
    public Optional<Occurrence> at(Instant t) {
        ZoneId zone = ZoneId.of(timeZone);
        Duration length = Duration.parse(duration);
        LocalDate today = t.atZone(zone).toLocalDate();
        // an occurrence that started up to `length` (at most a week) ago may still run
        for (LocalDate day = today; !day.isBefore(today.minusDays(length.toDays() + 1)); day = day.minusDays(1)) {
            Optional<Occurrence> o = on(day, zone, length).filter(x -> !x.start().isAfter(t) && x.end().isAfter(t));
            if (o.isPresent()) return o;
        }
        return Optional.empty();
    }

    /** The first occurrence starting at or after {@code t}. */
    public Occurrence next(Instant t) {
        ZoneId zone = ZoneId.of(timeZone);
        Duration length = Duration.parse(duration);
        for (LocalDate day = t.atZone(zone).toLocalDate(); ; day = day.plusDays(1)) {
            Optional<Occurrence> o = on(day, zone, length).filter(x -> !x.start().isBefore(t));
            if (o.isPresent()) return o.get();
        }
    }

    private Optional<Occurrence> on(LocalDate day, ZoneId zone, Duration length) {
        if (!days.contains(day.getDayOfWeek().name())) return Optional.empty();
        Instant start = ZonedDateTime.of(day, LocalTime.parse(startTime), zone).toInstant();
        return Optional.of(new Occurrence(start, start.plus(length)));
    }
}
