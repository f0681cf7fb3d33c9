package io.incidentops.intake.oncall.silence;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.incidentops.platform.problem.InvalidInputException;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A label matcher in Alertmanager's JSON shape ({@code /api/v2/silences}): {@code name} equals ({@code isEqual}, the
 * default) or differs from {@code value}, a fully anchored RE2-style regular expression when {@code isRegex}. A label
 * the alert lacks has the empty value, as in Alertmanager. Java's backtracking regexes are not RE2's linear ones: a
 * regex that takes too long on a label value counts as not matching (paging then goes ahead), so that one bad
 * silence cannot stall the escalation worker and with it every page.
 */
public record Matcher(String name, String value, @JsonProperty("isRegex") Boolean isRegex,
                      @JsonProperty("isEqual") Boolean isEqual) {

    static final int MAX_VALUE = 1024;
    /** Character reads a regex may make per label value (some milliseconds; a quadratic one on 2000 characters fits). */
    static final long REGEX_BUDGET = 5_000_000;
    private static final Logger LOG = Logger.getLogger(Matcher.class);
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,254}");

    public Matcher {
        isRegex = Boolean.TRUE.equals(isRegex);
        isEqual = isEqual == null || isEqual;
    }

    /** Checks a caller's matcher ({@code field} names it in the problem); returns it with the defaults filled in. */
    static Matcher valid(Matcher m, String field) {
        if (m == null) throw new InvalidInputException(field, "is required");
        if (m.name() == null || !LABEL_NAME.matcher(m.name()).matches()) {
            throw new InvalidInputException(field + ".name", "must be a label name ([a-zA-Z_][a-zA-Z0-9_]*, at most 255)");
        }
        if (m.value() == null) throw new InvalidInputException(field + ".value", "is required");
        if (m.value().length() > MAX_VALUE) {
            throw new InvalidInputException(field + ".value", "must be at most " + MAX_VALUE + " characters");
        }
        if (m.isRegex()) {
            try {
                Pattern.compile(m.value());
            } catch (PatternSyntaxException e) {
                throw new InvalidInputException(field + ".value", "is not a valid regular expression: " + e.getDescription());
            }
        }
        return m;
    }

    /** Whether the labels satisfy this matcher. */
    public boolean matches(Map<String, String> labels) {
        String actual = Objects.requireNonNullElse(labels.get(name), "");
        if (!isRegex) return value.equals(actual) == isEqual;
        try {
            return pattern().matcher(new Budgeted(actual, REGEX_BUDGET)).matches() == isEqual;
        } catch (Budgeted.Exhausted e) {
            LOG.warnf("regex matcher %s=~\"%s\" gave up on a value of %d characters; counted as not matching",
                    name, value, actual.length());
            return false;
        }
    }

    /** Whether an alert without any labels would match (Alertmanager refuses silences made only of such matchers). */
    @JsonIgnore
    boolean matchesEmpty() {
        return matches(Map.of());
    }

    /** A label value that stops a regex after {@code budget} character reads. */
    private record Budgeted(String text, long[] left) implements CharSequence {
        static final class Exhausted extends RuntimeException {
            Exhausted() {
                super(null, null, false, false);
            }
        }

        Budgeted(String text, long budget) {
            this(text, new long[]{budget});
        }

        @Override
        public char charAt(int index) {
            if (--left[0] < 0) throw new Exhausted();
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(text.substring(start, end), left);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private Pattern pattern() {
        // Alertmanager anchors regex matchers: "^(?:value)$"; matches() anchors the whole input the same way
        return Pattern.compile(value, Pattern.DOTALL);
    }
}
