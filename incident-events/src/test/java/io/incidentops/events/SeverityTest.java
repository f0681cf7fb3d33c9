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
            "P0, critical, critical, major_outage, Immediate, REQUIRED",
            "P1, error, major, partial_outage, < 15 min, REQUIRED",
            "P2, warning, minor, degraded_performance, < 1 h, RECOMMENDED",
            "P3, info, none, operational, < 4 h, OPTIONAL",
            "P4, info, none, operational, Best effort, OPTIONAL"})
    void mapsToOutsideVocabulariesAsTheContractSays(String name, String pagerDuty, String impact,
                                                    String componentStatus, String target, PirRequirement pir) {
        Severity s = Severity.parse(name);
        assertThat(s.pagerDutySeverity()).isEqualTo(pagerDuty);
        assertThat(s.statuspageImpact()).isEqualTo(impact);
        assertThat(s.componentStatus()).isEqualTo(componentStatus);
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
