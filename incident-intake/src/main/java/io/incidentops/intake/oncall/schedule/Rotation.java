package io.incidentops.intake.oncall.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turn arithmetic of one layer in {@link ZonedDateTime}: calendar intervals add local days (a 09:00 handoff stays
 * 09:00 in Berlin and New York across both DST changes, so such a turn lasts 23 or 25 hours then); hour intervals
 * add exact time. A restricted layer's turn is cut to the restriction window that holds the instant asked about.
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

    /**
     * Who is on call in this layer at {@code t} and for which span: the turn, cut at the edges of the restriction
     * window holding {@code t}; empty before the rotation starts, without users, or outside every restriction.
     */
    public Optional<Shift> shiftAt(Instant t) {
        if (layer.users().isEmpty() || t.isBefore(first.toInstant())) {
            return Optional.empty();
        }
        long k = turnIndex(t);
        String user = layer.users().get((int) Math.floorMod(k, (long) layer.users().size()));
        Instant start = turnStart(k).toInstant();
        Instant end = turnStart(k + 1).toInstant();
        if (layer.restrictions().isEmpty()) {
            return Optional.of(new Shift(user, start, end));
        }
        return window(t).map(w -> new Shift(user, max(start, w.start()), min(end, w.end())));
    }

    /** Instants in ({@code since}, {@code until}) where this layer's answer may change: handoffs, window edges. */
    public List<Instant> changesBetween(Instant since, Instant until) {
        List<Instant> out = new ArrayList<>();
        if (layer.users().isEmpty()) return out;
        long k = since.isBefore(first.toInstant()) ? 0 : turnIndex(since) + 1;
        for (Instant h = turnStart(k).toInstant(); h.isBefore(until); h = turnStart(++k).toInstant()) {
            out.add(h);
        }
        for (Restriction.Window w : windowsAround(since, until)) {
            out.add(w.start());
            out.add(w.end());
        }
        out.removeIf(i -> !i.isAfter(since) || !i.isBefore(until));
        return out;
    }

    /** The restriction windows holding {@code t}, merged into one span; empty outside all of them. */
    private Optional<Restriction.Window> window(Instant t) {
        Instant start = null;
        Instant end = null;
        for (Restriction.Window w : windowsAround(t, t)) {
            if (w.contains(t)) {
                start = start == null ? w.start() : min(start, w.start());
                end = end == null ? w.end() : max(end, w.end());
            }
        }
        return start == null ? Optional.empty() : Optional.of(new Restriction.Window(start, end));
    }

    /** Every restriction window that may overlap [since, until]: one a week long starts up to 8 local days before. */
    private List<Restriction.Window> windowsAround(Instant since, Instant until) {
        ZoneId zone = first.getZone();
        LocalDate from = since.atZone(zone).toLocalDate().minusDays(8);
        LocalDate to = until.atZone(zone).toLocalDate();
        List<Restriction.Window> out = new ArrayList<>();
        for (Restriction r : layer.restrictions()) {
            out.addAll(r.windowsStarting(from, to, zone));
        }
        return out;
    }

    private long turnIndex(Instant t) {
        long k = estimate(t);
        while (turnStart(k + 1).toInstant().compareTo(t) <= 0) k++;
        while (turnStart(k).toInstant().isAfter(t)) k--;
        return k;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
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
