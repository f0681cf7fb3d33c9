package io.incidentops.intake.oncall.schedule;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A business-hours layer (09:00-17:00 local, daily restriction) over a 24/7 layer, and a weekend layer (weekly
 * restriction, Saturday 00:00 for 48 hours), in Berlin and New York across both DST changes: the windows stay on the
 * local clock, the lower layer covers outside them, and the rendered final schedule is cut at the window edges.
 */
class RestrictionTest {

    private static final Restriction NINE_TO_FIVE = new Restriction(Restriction.DAILY, "09:00", 8 * 3600L, null);
    private static final Restriction WEEKEND = new Restriction(Restriction.WEEKLY, "00:00", 48 * 3600L, 6);

    private static OncallSchedule schedule(ZoneId zone, LocalDate start, Restriction upper) {
        OncallSchedule s = new OncallSchedule();
        s.id = "s";
        s.timeZone = zone.getId();
        s.layers = List.of(
                new RotationLayer("around the clock", start.toString(), "09:00", "P7D", List.of("nina")),
                new RotationLayer("restricted", start.toString(), "09:00", "P1D", List.of("ann", "bob"), List.of(upper)));
        return s;
    }

    private static String userAt(OncallSchedule s, LocalDateTime local) {
        return s.onCallAt(local.atZone(ZoneId.of(s.timeZone)).toInstant()).map(Shift::userId).orElse(null);
    }

    @ParameterizedTest
    @CsvSource({
            // zone, the Sunday of a DST change
            "Europe/Berlin, 2026-03-29",
            "Europe/Berlin, 2026-10-25",
            "America/New_York, 2026-03-08",
            "America/New_York, 2026-11-01"})
    void businessHoursStayNineToFiveLocalAcrossTheChange(String zoneName, LocalDate changeDay) {
        ZoneId zone = ZoneId.of(zoneName);
        OncallSchedule s = schedule(zone, changeDay.minusDays(10), NINE_TO_FIVE);
        for (LocalDate day = changeDay.minusDays(1); !day.isAfter(changeDay.plusDays(1)); day = day.plusDays(1)) {
            String daytime = Math.floorMod(day.toEpochDay() - changeDay.minusDays(10).toEpochDay(), 2) == 0 ? "ann" : "bob";
            assertThat(userAt(s, day.atTime(8, 59))).as(day + " 08:59").isEqualTo("nina");
            assertThat(userAt(s, day.atTime(9, 0))).as(day + " 09:00").isEqualTo(daytime);
            assertThat(userAt(s, day.atTime(16, 59))).as(day + " 16:59").isEqualTo(daytime);
            assertThat(userAt(s, day.atTime(17, 0))).as(day + " 17:00").isEqualTo("nina");
            // "on call at t" reports the restricted turn cut to its window
            Shift noon = s.onCallAt(day.atTime(12, 0).atZone(zone).toInstant()).orElseThrow();
            assertThat(noon.start().atZone(zone).toLocalDateTime()).isEqualTo(day.atTime(9, 0));
            assertThat(noon.end().atZone(zone).toLocalDateTime()).isEqualTo(day.atTime(17, 0));
        }

        // the final schedule from Saturday 00:00 to Monday 00:00 local: nina, then the day shift cut at 09:00 and 17:00
        LocalDate saturday = changeDay.minusDays(1);
        List<Shift> shifts = s.shifts(saturday.atStartOfDay(zone).toInstant(), saturday.plusDays(2).atStartOfDay(zone).toInstant());
        assertThat(shifts).extracting(Shift::userId).containsExactly("nina", "bob", "nina", "ann", "nina");
        assertThat(shifts).extracting(sh -> sh.start().atZone(zone).toLocalTime()).containsExactly(
                LocalTime.MIDNIGHT, LocalTime.of(9, 0), LocalTime.of(17, 0), LocalTime.of(9, 0), LocalTime.of(17, 0));
        assertThat(shifts.get(4).end()).isEqualTo(saturday.plusDays(2).atStartOfDay(zone).toInstant());
        // the night across the change is 15 hours plus or minus the hour the clocks moved
        Duration night = Duration.between(shifts.get(2).start(), shifts.get(2).end());
        assertThat(night.toHours()).isIn(15L, 16L, 17L);
    }

    @ParameterizedTest
    @CsvSource({
            "Europe/Berlin, 2026-03-29, 47",
            "Europe/Berlin, 2026-10-25, 49",
            "America/New_York, 2026-03-08, 47",
            "America/New_York, 2026-11-01, 49"})
    void weekendWindowEndsMondayMidnightLocalWhateverTheClocksDid(String zoneName, LocalDate changeSunday, long hours) {
        ZoneId zone = ZoneId.of(zoneName);
        OncallSchedule s = schedule(zone, changeSunday.minusDays(20), WEEKEND);
        LocalDate saturday = changeSunday.minusDays(1);
        LocalDate monday = changeSunday.plusDays(1);
        assertThat(userAt(s, saturday.minusDays(1).atTime(23, 59))).isEqualTo("nina");
        assertThat(userAt(s, saturday.atStartOfDay())).isIn("ann", "bob");
        assertThat(userAt(s, monday.minusDays(1).atTime(23, 59))).isIn("ann", "bob");
        assertThat(userAt(s, monday.atStartOfDay())).isEqualTo("nina");
        assertThat(userAt(s, monday.plusDays(2).atTime(12, 0))).isEqualTo("nina"); // a weekday

        List<Shift> weekend = s.shifts(saturday.atStartOfDay(zone).toInstant(), monday.atStartOfDay(zone).toInstant());
        // the daily 09:00 handoff of the restricted layer still splits the weekend into three turns
        assertThat(weekend).hasSize(3);
        assertThat(Duration.between(weekend.get(0).start(), weekend.get(2).end()).toHours()).isEqualTo(hours);
    }
}
