package io.incidentops.executor.runbook;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Typed steps are checked when the runbook loads: a bad one names the file, the step and the field. */
class StepValidationTest {

    @Test
    void everyActionLoadsWithItsParameters() {
        Runbook r = RunbookLoader.parse("typed.yaml", runbook("""
                  - {title: a, kind: automated, action: prometheus-query, query: error-rate, threshold: 0.05}
                  - {title: b, kind: automated, action: prometheus-query, query: 'sum(up{job="{service}"}) or {app} {pod} {window}', threshold: 1, comparison: ">="}
                  - {title: c, kind: automated, action: http-check, endpoint: ready, expect-status: 204}
                  - {title: d, kind: automated, action: scale, factor: 1.5}
                  - {title: e, kind: automated, action: scale, replicas: 3}
                  - {title: f, kind: automated, action: signed-http-call, call: page-vendor}
                  - {title: g, kind: automated, action: isolate}
                  - {title: h, kind: automated, action: vendor-status}
                  - {title: i, kind: manual}
                """));
        assertThat(r.steps().get(1).parameters().comparisonOrDefault()).isEqualTo(">=");
        assertThat(r.steps().get(0).parameters().comparisonOrDefault()).isEqualTo("<=");
        assertThat(r.steps().get(2).parameters().given()).containsEntry("endpoint", "ready").containsEntry("expect-status", 204);
        assertThat(StepAction.of("isolate").flatMap(StepAction::mitigation)).hasValueSatisfying(
                a -> assertThat(a.name()).isEqualTo("BLOCK_TRAFFIC"));
    }

    @Test
    void anUnknownActionDoesNotLoad() {
        assertThatThrownBy(() -> RunbookLoader.parse("unknown.yaml", runbook("""
                  - {title: a, kind: automated, action: reboot-cluster}
                """))).isInstanceOf(InvalidRunbookException.class)
                .hasMessageStartingWith("unknown.yaml: ")
                .hasMessageContaining("steps[0].action 'reboot-cluster' is not one of http-check, ")
                .hasMessageContaining("isolate");
    }

    @Test
    void aMissingParameterDoesNotLoad() {
        assertThatThrownBy(() -> RunbookLoader.parse("no-query.yaml", runbook("""
                  - {title: a, kind: manual}
                  - {title: b, kind: automated, action: prometheus-query, threshold: 0.05}
                """))).hasMessageStartingWith("no-query.yaml: steps[1].query is required: a figure name (error-rate,");
        assertThatThrownBy(() -> RunbookLoader.parse("no-call.yaml", runbook("""
                  - {title: a, kind: automated, action: signed-http-call}
                """))).hasMessageContaining("steps[0].call is required");
        assertThatThrownBy(() -> RunbookLoader.parse("no-size.yaml", runbook("""
                  - {title: a, kind: automated, action: scale}
                """))).hasMessageContaining("steps[0]: scale needs exactly one of replicas, factor");
    }

    @Test
    void aBadParameterDoesNotLoad() {
        assertThat(errors("""
                  - {title: a, kind: automated, action: http-check, replicas: 2}
                """)).contains("steps[0].replicas: not a parameter of http-check (it takes endpoint, expect-status)");
        assertThat(errors("""
                  - {title: a, kind: automated, action: rollback, factor: 2}
                """)).contains("steps[0].factor: not a parameter of rollback (it takes none)");
        assertThat(errors("""
                  - {title: a, kind: automated, action: prometheus-query, query: 'up{job="{job}"}'}
                """)).contains("steps[0].query: unknown placeholder {job}");
        assertThat(errors("""
                  - {title: a, kind: automated, action: prometheus-query, query: memory, comparison: "=="}
                """)).contains("steps[0].comparison must be one of <, <=, >, >=").contains("steps[0].comparison needs a threshold");
        assertThat(errors("""
                  - {title: a, kind: automated, action: scale, replicas: 2, factor: 2}
                """)).contains("scale needs exactly one of replicas, factor");
        assertThat(errors("""
                  - {title: a, kind: automated, action: scale, factor: 0}
                """)).contains("steps[0].factor must be above 0 and at most 10");
        assertThat(errors("""
                  - {title: a, kind: automated, action: http-check, expect-status: 42}
                """)).contains("steps[0].expect-status must be an HTTP status");
        assertThat(errors("""
                  - {title: a, kind: manual, query: memory}
                """)).contains("steps[0]: a manual step has no parameters (query)");
        // a value of the wrong type: where it is, then what is wrong
        assertThat(errors("""
                  - {title: a, kind: automated, action: prometheus-query, query: memory, threshold: lots}
                """)).contains("bad.yaml: not a valid runbook: steps[0].threshold: Cannot deserialize value of type `java.lang.Double`");
    }

    @Test
    void aSignedCallMustBeConfigured() {
        Runbook r = RunbookLoader.parse("call.yaml", runbook("""
                  - {title: a, kind: automated, action: signed-http-call, call: page-vendor}
                """));
        RunbookCatalog.checkCalls(List.of(r), Set.of("page-vendor"));
        assertThatThrownBy(() -> RunbookCatalog.checkCalls(List.of(r), Set.of("other")))
                .hasMessage("runbook x: steps[0].call 'page-vendor' is not configured"
                        + " (incidentops.executor.steps.calls.\"page-vendor\".url)");
    }

    private static String errors(String steps) {
        try {
            RunbookLoader.parse("bad.yaml", runbook(steps));
        } catch (InvalidRunbookException e) {
            return e.getMessage();
        }
        throw new AssertionError("loaded: " + steps);
    }

    private static String runbook(String steps) {
        return """
                name: x
                version: "1"
                title: X
                matches: [{keywords: [typed]}]
                steps:
                """ + steps;
    }
}
