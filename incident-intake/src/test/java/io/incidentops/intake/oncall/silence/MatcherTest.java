package io.incidentops.intake.oncall.silence;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Alertmanager's matcher semantics: anchored regexes, negation, a missing label as the empty value. */
class MatcherTest {

    private static final Map<String, String> LABELS = Map.of("service", "checkout-eu", "env", "staging");

    @Test
    void equalityAndNegation() {
        assertThat(new Matcher("env", "staging", false, true).matches(LABELS)).isTrue();
        assertThat(new Matcher("env", "Staging", false, true).matches(LABELS)).isFalse();
        assertThat(new Matcher("env", "production", false, false).matches(LABELS)).isTrue();
        assertThat(new Matcher("env", "staging", null, null).matches(LABELS)).isTrue(); // defaults: equal, not regex
    }

    @Test
    void regexesAreAnchoredAtBothEnds() {
        assertThat(new Matcher("service", "checkout-.*", true, true).matches(LABELS)).isTrue();
        assertThat(new Matcher("service", "checkout", true, true).matches(LABELS)).isFalse();
        assertThat(new Matcher("service", "eu", true, true).matches(LABELS)).isFalse();
        assertThat(new Matcher("service", "checkout-(us|eu)", true, false).matches(LABELS)).isFalse();
    }

    @Test
    void aRegexThatWouldRunForeverGivesUpAndDoesNotMatch() {
        // seconds of backtracking in java.util.regex at 26 characters, doubling with each one more
        String value = "a".repeat(40) + "!";
        assertThat(new Matcher("v", "(.*a){12}b", true, true).matches(Map.of("v", value))).isFalse();
        assertThat(new Matcher("v", "(.*a){12}b", true, false).matches(Map.of("v", value))).isFalse();
        assertThat(new Matcher("v", "a+!", true, true).matches(Map.of("v", value))).isTrue();
    }

    @Test
    void aMissingLabelIsEmpty() {
        assertThat(new Matcher("region", "", false, true).matches(LABELS)).isTrue();
        assertThat(new Matcher("region", ".+", true, true).matches(LABELS)).isFalse();
        assertThat(new Matcher("region", ".*", true, true).matchesEmpty()).isTrue();
        assertThat(new Matcher("region", "eu", false, true).matchesEmpty()).isFalse();
    }
}
