package io.incidentops.intake.oncall;

import io.incidentops.intake.oncall.schedule.Rotation;
import io.incidentops.intake.oncall.schedule.RotationLayer;
import io.incidentops.intake.oncall.schedule.Shift;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A 09:00 handoff stays 09:00 local time across both DST changes, in Berlin and in New York. */
class RotationTest {

    @ParameterizedTest
    @CsvSource({
            // zone, a date in the week before a DST change, the day of the change
            "Europe/Berlin, 2026-03-25, 2026-03-29",     // spring forward
            "Europe/Berlin, 2026-10-21, 2026-10-25",     // fall back
            "America/New_York, 2026-03-04, 2026-03-08",
            "America/New_York, 2026-10-28, 2026-11-01"})
    void dailyHandoffStaysAtNineLocalAcrossTheChange(String zoneName, LocalDate start, LocalDate changeDay) {
        ZoneId zone = ZoneId.of(zoneName);
        Rotation daily = new Rotation(new RotationLayer("daily", start.toString(), "09:00", "P1D", List.of("ann", "bob")), zone);
        for (LocalDate day = changeDay.minusDays(2); day.isBefore(changeDay.plusDays(3)); day = day.plusDays(1)) {
            ZonedDateTime nine = day.atTime(LocalTime.of(9, 0)).atZone(zone);
            Shift before = daily.shiftAt(nine.toInstant().minusSeconds(1)).orElseThrow();
            Shift at = daily.shiftAt(nine.toInstant()).orElseThrow();
            assertThat(at.start()).isEqualTo(nine.toInstant());
            assertThat(at.end().atZone(zone).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
            assertThat(at.userId()).isNotEqualTo(before.userId());
            long days = java.time.temporal.ChronoUnit.DAYS.between(start, day);
            assertThat(at.userId()).isEqualTo(days % 2 == 0 ? "ann" : "bob");
        }
        // the turn that contains the change lasts 23 or 25 hours, not 24
        ZonedDateTime changeNine = changeDay.minusDays(1).atTime(9, 0).atZone(zone);
        Shift across = daily.shiftAt(changeNine.toInstant()).orElseThrow();
        assertThat(java.time.Duration.between(across.start(), across.end()).toHours()).isIn(23L, 25L);
    }

    @ParameterizedTest
    @CsvSource({"Europe/Berlin, 2026-03-23, 2026-03-30", "America/New_York, 2026-10-26, 2026-11-02"})
    void weeklyHandoffStaysMondayNine(String zoneName, LocalDate firstMonday, LocalDate nextMonday) {
        ZoneId zone = ZoneId.of(zoneName);
        Rotation weekly = new Rotation(new RotationLayer(null, firstMonday.toString(), "09:00", "P7D", List.of("ann", "bob")), zone);
        ZonedDateTime handoff = nextMonday.atTime(9, 0).atZone(zone);
        assertThat(weekly.shiftAt(handoff.toInstant().minusSeconds(1)).orElseThrow().userId()).isEqualTo("ann");
        Shift bob = weekly.shiftAt(handoff.toInstant()).orElseThrow();
        assertThat(bob.userId()).isEqualTo("bob");
        assertThat(bob.end()).isEqualTo(nextMonday.plusDays(7).atTime(9, 0).atZone(zone).toInstant());
        assertThat(weekly.shiftAt(firstMonday.atTime(8, 59).atZone(zone).toInstant())).isEmpty();
    }
}
