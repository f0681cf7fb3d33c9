package io.incidentops.intake.alerts;

import io.incidentops.events.model.Severity;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.incidentops.intake.alerts.SeverityRule.Vocabulary.ALERTMANAGER;
import static io.incidentops.intake.alerts.SeverityRule.Vocabulary.PAGERDUTY;
import static org.assertj.core.api.Assertions.assertThat;

class SeverityRuleTest {

    @Test
    void explicitLevelsWinEvenOverAnOutageSignal() {
        assertThat(SeverityRule.fromWord("p2", PAGERDUTY, true)).contains(Severity.P2);
        assertThat(SeverityRule.fromWord(" P4 ", ALERTMANAGER, false)).contains(Severity.P4);
    }

    @Test
    void criticalIsP1UnlessCompleteOutage() {
        assertThat(SeverityRule.fromWord("critical", PAGERDUTY, false)).contains(Severity.P1);
        assertThat(SeverityRule.fromWord("CRITICAL", ALERTMANAGER, true)).contains(Severity.P0);
    }

    @Test
    void errorDependsOnTheVocabulary() {
        assertThat(SeverityRule.fromWord("error", PAGERDUTY, false)).contains(Severity.P1);
        assertThat(SeverityRule.fromWord("error", ALERTMANAGER, false)).contains(Severity.P2);
    }

    @Test
    void warningInfoAndTheAlertmanagerFallbacks() {
        assertThat(SeverityRule.fromWord("warning", PAGERDUTY, false)).contains(Severity.P2);
        assertThat(SeverityRule.fromWord("info", PAGERDUTY, false)).contains(Severity.P3);
        assertThat(SeverityRule.fromWord("none", PAGERDUTY, false)).isEmpty();
        assertThat(SeverityRule.fromWord("bogus", PAGERDUTY, false)).isEmpty();
        assertThat(SeverityRule.fromAlertmanagerLabel("none", false)).isEqualTo(Severity.P4);
        assertThat(SeverityRule.fromAlertmanagerLabel("informational", false)).isEqualTo(Severity.P4);
        assertThat(SeverityRule.fromAlertmanagerLabel(null, false)).isEqualTo(Severity.P3);
        assertThat(SeverityRule.fromAlertmanagerLabel("page-everyone", true)).isEqualTo(Severity.P3);
    }

    @Test
    void outageSignals() {
        assertThat(SeverityRule.signalsCompleteOutage(Map.of("impact", "complete_outage"))).isTrue();
        assertThat(SeverityRule.signalsCompleteOutage(Map.of("impact", "Outage"))).isTrue();
        assertThat(SeverityRule.signalsCompleteOutage(Map.of(), "Login broken for ALL CUSTOMERS")).isTrue();
        assertThat(SeverityRule.signalsCompleteOutage(Map.of(), null, "total outage in eu-west")).isTrue();
        assertThat(SeverityRule.signalsCompleteOutage(Map.of("impact", "partial"), "some customers")).isFalse();
        assertThat(SeverityRule.signalsCompleteOutage(null)).isFalse();
    }
}
