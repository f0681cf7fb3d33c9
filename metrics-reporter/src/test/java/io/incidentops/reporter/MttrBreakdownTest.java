package io.incidentops.reporter;

import io.incidentops.reporter.mttr.MttrBreakdown;
import io.incidentops.reporter.mttr.MttrBreakdown.Checkpoints;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MttrBreakdownTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void everyPhaseIsTheDifferenceOfItsCheckpoints() {
        MttrBreakdown b = MttrBreakdown.of(new Checkpoints(at(0), at(3), at(10), at(30), at(45)));
        assertThat(b.detection()).isEqualTo(Duration.ofMinutes(3));
        assertThat(b.response()).isEqualTo(Duration.ofMinutes(7));
        assertThat(b.mitigation()).isEqualTo(Duration.ofMinutes(20));
        assertThat(b.resolution()).isEqualTo(Duration.ofMinutes(15));
        assertThat(b.total()).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void neverAcknowledgedLeavesResponseNullAndMeasuresMitigationFromDetection() {
        MttrBreakdown b = MttrBreakdown.of(new Checkpoints(at(0), at(3), null, at(30), at(45)));
        assertThat(b.response()).isNull();
        assertThat(b.mitigation()).isEqualTo(Duration.ofMinutes(27));
        assertThat(b.detection().plus(b.mitigation()).plus(b.resolution())).isEqualTo(b.total());
    }

    @Test
    void neverMitigatedLeavesMitigationNullAndMeasuresResolutionFromResponse() {
        MttrBreakdown b = MttrBreakdown.of(new Checkpoints(at(0), at(3), at(10), null, at(45)));
        assertThat(b.mitigation()).isNull();
        assertThat(b.resolution()).isEqualTo(Duration.ofMinutes(35));
    }

    @Test
    void missingStartFallsBackToDetectionForTheTotalAndSkewNeverGivesNegativePhases() {
        MttrBreakdown b = MttrBreakdown.of(new Checkpoints(null, at(3), at(2), at(30), at(45)));
        assertThat(b.detection()).isNull();
        assertThat(b.response()).isEqualTo(Duration.ZERO);
        assertThat(b.total()).isEqualTo(Duration.ofMinutes(42));
    }
}
