package io.incidentops.reporter.pir;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The proposed PIR meeting: the latest working hour before the deadline, never before the resolution. */
class ReviewSlotTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final LocalTime NINE = LocalTime.of(9, 0);
    private static final LocalTime FIVE = LocalTime.of(17, 0);

    @Test
    void aDeadlineOnSundayMorningGivesFridayAfternoon() {
        ReviewSlot slot = ReviewSlot.before(Instant.parse("2024-05-05T10:00:00Z"), HOUR,
                Instant.parse("2024-05-03T10:00:00Z"), ZoneId.of("UTC"), NINE, FIVE);
        assertThat(slot.start()).isEqualTo(Instant.parse("2024-05-03T16:00:00Z"));
        assertThat(slot.end()).isEqualTo(Instant.parse("2024-05-03T17:00:00Z"));
    }

    @Test
    void workingHoursAreTheTeamsLocalTimeAcrossTheDstChange() {
        // Berlin switched to summer time (UTC+2) on Sunday 2024-03-31: the deadline is Monday 11:30 local, the slot
        // 10:00-11:00 local, 08:00-09:00 UTC (with the winter offset it would have been 09:00-10:00 UTC)
        ReviewSlot slot = ReviewSlot.before(Instant.parse("2024-04-01T09:30:00Z"), HOUR,
                Instant.parse("2024-03-30T09:30:00Z"), ZoneId.of("Europe/Berlin"), NINE, FIVE);
        assertThat(slot.start()).isEqualTo(Instant.parse("2024-04-01T08:00:00Z"));
        assertThat(slot.end()).isEqualTo(Instant.parse("2024-04-01T09:00:00Z"));
    }

    @Test
    void withoutAWorkingHourAfterTheResolutionTheMeetingEndsAtTheDeadline() {
        Instant deadline = Instant.parse("2024-05-05T10:00:00Z"); // resolved Friday 18:00: only the weekend is left
        ReviewSlot slot = ReviewSlot.before(deadline, HOUR, Instant.parse("2024-05-03T18:00:00Z"), ZoneId.of("UTC"),
                NINE, FIVE);
        assertThat(slot.start()).isEqualTo(deadline.minus(HOUR));
        assertThat(slot.end()).isEqualTo(deadline);
    }
}
