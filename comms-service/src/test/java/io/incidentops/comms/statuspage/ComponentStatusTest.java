package io.incidentops.comms.statuspage;

import io.incidentops.events.model.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The Statuspage columns of the severity mapping of docs/architecture.md (moved here from the contract's SeverityTest). */
class ComponentStatusTest {

    @ParameterizedTest
    @CsvSource({
            "P0, critical, major_outage",
            "P1, major, partial_outage",
            "P2, minor, degraded_performance",
            "P3, none, operational",
            "P4, none, operational"})
    void mapsSeverityAsTheContractSays(Severity severity, String impact, String componentStatus) {
        assertThat(ComponentStatus.impactOf(severity)).isEqualTo(impact);
        assertThat(ComponentStatus.forSeverity(severity)).isEqualTo(componentStatus);
    }
}
