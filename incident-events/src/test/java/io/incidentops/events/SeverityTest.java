package io.incidentops.events;

import io.incidentops.events.model.PirRequirement;
import io.incidentops.events.model.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeverityTest {

    @ParameterizedTest
    @CsvSource({
            "P0, Immediate, REQUIRED",
            "P1, < 15 min, REQUIRED",
            "P2, < 1 h, RECOMMENDED",
            "P3, < 4 h, OPTIONAL",
            "P4, Best effort, OPTIONAL"})
    void responseTargetAndPirAsTheContractSays(String name, String target, PirRequirement pir) {
        Severity s = Severity.parse(name);
        assertThat(s.responseTargetText()).isEqualTo(target);
        assertThat(s.pirRequirement()).isEqualTo(pir);
    }

    @Test
    void responseTargets() {
        assertThat(Severity.P0.responseTarget()).contains(Duration.ZERO);
        assertThat(Severity.P1.responseTarget()).contains(Duration.ofMinutes(15));
        assertThat(Severity.P4.responseTarget()).isEmpty();
        assertThat(PirRequirement.REQUIRED.within()).contains(Duration.ofHours(48));
    }

    @Test
    void onlyP0AndP1AreHighSeverity() {
        assertThat(Severity.P0.isHighSeverity()).isTrue();
        assertThat(Severity.P1.isHighSeverity()).isTrue();
        assertThat(Severity.P2.isHighSeverity()).isFalse();
    }

    @Test
    void parseIsLenientOnCaseAndStrictOnValues() {
        assertThat(Severity.parse(" p2 ")).isEqualTo(Severity.P2);
        assertThatThrownBy(() -> Severity.parse("P5")).hasMessageContaining("expected one of P0, P1, P2, P3, P4");
        assertThatThrownBy(() -> Severity.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
