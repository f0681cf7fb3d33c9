package io.incidentops.executor.mitigation;

import io.incidentops.events.model.MitigationAction;
import io.incidentops.events.model.Severity;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static io.incidentops.events.model.MitigationAction.BLOCK_TRAFFIC;
import static io.incidentops.events.model.MitigationAction.FAILOVER;
import static io.incidentops.events.model.MitigationAction.RATE_LIMIT;
import static io.incidentops.events.model.MitigationAction.RESTART;
import static io.incidentops.events.model.MitigationAction.ROLLBACK;
import static io.incidentops.events.model.MitigationAction.SCALE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The approval rule: its defaults, configured overrides, and a malformed rule refused at startup. */
class ApprovalRuleTest {

    @Test
    void byDefaultRollbackAndRestartAreAutomaticForP0AndP1AndFailoverAndIsolationNever() {
        Map<MitigationAction, Set<Severity>> rules = ApprovalRule.rules(Map.of());
        assertThat(needs(rules, ROLLBACK, Severity.P1)).isFalse();
        assertThat(needs(rules, RESTART, Severity.P0)).isFalse();
        assertThat(needs(rules, ROLLBACK, Severity.P2)).isTrue();
        assertThat(needs(rules, ROLLBACK, null)).as("unknown severity").isTrue();
        assertThat(needs(rules, FAILOVER, Severity.P0)).isTrue();
        assertThat(needs(rules, BLOCK_TRAFFIC, Severity.P0)).isTrue();
        assertThat(needs(rules, SCALE, Severity.P4)).isFalse();
        assertThat(needs(rules, RATE_LIMIT, null)).isFalse();
        assertThat(ApprovalRule.needsApproval(rules, SCALE, Severity.P0, true)).as("beyond the bounds").isTrue();
    }

    @Test
    void configuredRulesReplaceTheDefaults() {
        Map<MitigationAction, Set<Severity>> rules = ApprovalRule.rules(Map.of("ROLLBACK", "P0", "failover", "always",
                "SCALE", "never", "RESTART", " p0 , P2 "));
        assertThat(needs(rules, ROLLBACK, Severity.P1)).isTrue();
        assertThat(needs(rules, ROLLBACK, Severity.P0)).isFalse();
        assertThat(needs(rules, FAILOVER, null)).isFalse();
        assertThat(needs(rules, SCALE, Severity.P0)).isTrue();
        assertThat(needs(rules, RESTART, Severity.P2)).isFalse();
        assertThat(needs(rules, RESTART, Severity.P1)).isTrue();
    }

    @Test
    void theReasonToWaitNamesTheRuleThatAppliesForTheCommander() {
        Map<MitigationAction, Set<Severity>> rules = ApprovalRule.rules(Map.of());
        assertThat(ApprovalRule.why(rules, ROLLBACK, Severity.P2, false))
                .contains("ROLLBACK is applied without approval only for P0, P1; the incident is P2");
        assertThat(ApprovalRule.why(rules, ROLLBACK, null, false))
                .contains("ROLLBACK is applied without approval only for P0, P1; the incident is of unknown severity");
        assertThat(ApprovalRule.why(rules, BLOCK_TRAFFIC, Severity.P0, false))
                .contains("BLOCK_TRAFFIC always needs a commander's approval");
        assertThat(ApprovalRule.why(rules, SCALE, Severity.P0, true)).get().asString().contains("beyond");
        assertThat(ApprovalRule.why(rules, ROLLBACK, Severity.P1, false)).isEmpty();
    }

    @Test
    void anUnknownActionOrSeverityStopsTheStart() {
        assertThatThrownBy(() -> ApprovalRule.rules(Map.of("REBOOT", "P0")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown action 'REBOOT'");
        assertThatThrownBy(() -> ApprovalRule.rules(Map.of("ROLLBACK", "P0,urgent")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mitigations.approval.\"ROLLBACK\"").hasMessageContaining("always / never");
    }

    private static boolean needs(Map<MitigationAction, Set<Severity>> rules, MitigationAction action, Severity severity) {
        return ApprovalRule.needsApproval(rules, action, severity, false);
    }
}
