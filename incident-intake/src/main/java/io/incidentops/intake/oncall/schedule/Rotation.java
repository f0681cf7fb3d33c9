package io.incidentops.intake.oncall.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Turn arithmetic of one layer in {@link ZonedDateTime}: calendar intervals add local days (a 09:00 handoff stays
 * 09:00 in Berlin and New York across both DST changes, so such a turn lasts 23 or 25 hours then); hour intervals
 * add exact time.
 */
public final class Rotation {

    private final ZonedDateTime first;
    private final Period period;
    private final Duration duration;
    private final RotationLayer layer;

    public Rotation(RotationLayer layer, ZoneId zone) {
        this.layer = layer;
        this.first = LocalDate.parse(layer.start()).atTime(LocalTime.parse(layer.handoffTime())).atZone(zone);
        String interval = layer.rotationInterval();
        if (interval.contains("T")) {
            this.duration = Duration.parse(interval);
            this.period = null;
        } else {
            this.period = Period.parse(interval).normalized();
            this.duration = null;
        }
    }

    /** Whether the interval is usable: whole days or weeks, or at least an hour of time. */
    public static boolean validInterval(String interval) {
        try {
            if (interval.contains("T")) {
                Duration d = Duration.parse(interval);
                return d.compareTo(Duration.ofHours(1)) >= 0 && d.compareTo(Duration.ofDays(366)) <= 0;
            }
            Period p = Period.parse(interval).normalized();
            return p.toTotalMonths() == 0 && p.getDays() >= 1 && p.getDays() <= 366;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The turn covering {@code t}; empty before the rotation starts or without users. */
    public Optional<Shift> shiftAt(Instant t) {
        if (layer.users().isEmpty() || t.isBefore(first.toInstant())) {
            return Optional.empty();
        }
        long k = estimate(t);
        while (turnStart(k + 1).toInstant().compareTo(t) <= 0) k++;
        while (turnStart(k).toInstant().isAfter(t)) k--;
        String user = layer.users().get((int) Math.floorMod(k, (long) layer.users().size()));
        return Optional.of(new Shift(user, turnStart(k).toInstant(), turnStart(k + 1).toInstant()));
    }

    private long estimate(Instant t) {
        if (period != null) {
            long days = ChronoUnit.DAYS.between(first.toLocalDate(), t.atZone(first.getZone()).toLocalDate());
            return days / period.getDays();
        }
        return Duration.between(first.toInstant(), t).toSeconds() / duration.toSeconds();
    }

    private ZonedDateTime turnStart(long k) {
        if (period != null) {
            // from the first handoff each time, so a gap-shifted 02:30 handoff does not drift
            return first.toLocalDate().plusDays(k * period.getDays()).atTime(first.toLocalTime()).atZone(first.getZone());
        }
        return first.plus(duration.multipliedBy(k));
    }
}
