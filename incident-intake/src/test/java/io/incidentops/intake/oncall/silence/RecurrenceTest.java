package io.incidentops.intake.oncall.silence;

import io.incidentops.platform.problem.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Weekly maintenance windows keep their local start time in Europe/Berlin across both DST changes of 2027. */
class RecurrenceTest {

    private static final Recurrence MONDAY_NINE = Recurrence.valid(
            new Recurrence("Europe/Berlin", List.of("monday"), "09:00", "PT2H"));

    @Test
    void startsAtNineLocalBeforeAndAfterSpringForward() {
        // 22 March 2027: CET, 09:00 = 08:00Z; 29 March (after the 28 March change): CEST, 09:00 = 07:00Z
        assertThat(MONDAY_NINE.at(Instant.parse("2027-03-22T08:30:00Z")))
                .contains(occurrence("2027-03-22T08:00:00Z", "2027-03-22T10:00:00Z"));
        assertThat(MONDAY_NINE.at(Instant.parse("2027-03-22T07:30:00Z"))).isEmpty();
        assertThat(MONDAY_NINE.at(Instant.parse("2027-03-29T07:30:00Z")))
                .contains(occurrence("2027-03-29T07:00:00Z", "2027-03-29T09:00:00Z"));
        assertThat(MONDAY_NINE.at(Instant.parse("2027-03-29T09:30:00Z"))).isEmpty();
        assertThat(MONDAY_NINE.next(Instant.parse("2027-03-22T10:00:00Z")).start()).isEqualTo("2027-03-29T07:00:00Z");
    }

    @Test
    void startsAtNineLocalAfterFallBack() {
        // 25 October 2027: CEST (07:00Z); 1 November, after the 31 October change: CET (08:00Z)
        assertThat(MONDAY_NINE.next(Instant.parse("2027-10-25T00:00:00Z")).start()).isEqualTo("2027-10-25T07:00:00Z");
        assertThat(MONDAY_NINE.next(Instant.parse("2027-10-25T10:00:00Z")).start()).isEqualTo("2027-11-01T08:00:00Z");
    }

    @Test
    void aWindowOverTheChangeNightLastsItsElapsedDuration() {
        // Sunday 28 March 2027 from 01:00 CET (00:00Z) for PT4H: ends 04:00Z = 06:00 CEST
        Recurrence night = Recurrence.valid(new Recurrence("Europe/Berlin", List.of("SUNDAY"), "01:00", "PT4H"));
        assertThat(night.at(Instant.parse("2027-03-28T03:59:00Z")))
                .contains(occurrence("2027-03-28T00:00:00Z", "2027-03-28T04:00:00Z"));
        // a start in the spring-forward gap (02:30 does not exist that night) begins at 03:30 CEST
        Recurrence gap = Recurrence.valid(new Recurrence("Europe/Berlin", List.of("SUNDAY"), "02:30", "PT1H"));
        assertThat(gap.next(Instant.parse("2027-03-27T00:00:00Z")).start()).isEqualTo("2027-03-28T01:30:00Z");
    }

    @Test
    void anOccurrenceThatStartedYesterdayStillCounts() {
        Recurrence weekend = Recurrence.valid(new Recurrence("Europe/Berlin", List.of("SATURDAY"), "22:00", "P1DT2H"));
        assertThat(weekend.at(Instant.parse("2027-06-13T20:00:00Z"))).isPresent(); // Sunday 22:00 CEST
        assertThat(weekend.at(Instant.parse("2027-06-13T22:00:00Z"))).isEmpty(); // Monday 00:00 CEST
    }

    @Test
    void refusesWhatIsNotAWeeklyWindow() {
        assertThatThrownBy(() -> Recurrence.valid(new Recurrence("Mars/Olympus", List.of("MONDAY"), "09:00", "PT1H")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("recurrence.timeZone");
        assertThatThrownBy(() -> Recurrence.valid(new Recurrence("UTC", List.of(), "09:00", "PT1H")))
                .hasMessageContaining("recurrence.days");
        assertThatThrownBy(() -> Recurrence.valid(new Recurrence("UTC", List.of("Funday"), "09:00", "PT1H")))
                .hasMessageContaining("recurrence.days");
        assertThatThrownBy(() -> Recurrence.valid(new Recurrence("UTC", List.of("MONDAY"), "9am", "PT1H")))
                .hasMessageContaining("recurrence.startTime");
        assertThatThrownBy(() -> Recurrence.valid(new Recurrence("UTC", List.of("MONDAY"), "09:00", "P8D")))
                .hasMessageContaining("recurrence.duration");
        assertThatThrownBy(() -> Recurrence.valid(new Recurrence("UTC", List.of("MONDAY"), "09:00", "PT0S")))
                .hasMessageContaining("recurrence.duration");
    }

    private static Recurrence.Occurrence occurrence(String start, String end) {
        return new Recurrence.Occurrence(Instant.parse(start), Instant.parse(end));
    }
}
