package io.incidentops.executor.runbook;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keyword matching on whole words: {@code "db"} matches "db pool exhausted" and "CheckoutDBDown", not "dbus".
 * Text is split at camel case (alert names such as {@code HighErrorRate}), lower-cased, and everything but letters
 * and digits becomes a space.
 */
public final class TextMatcher {

    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final String text;

    public TextMatcher(String text) {
        this.text = " " + normalize(text) + " ";
    }

    public static String normalize(String s) {
        if (s == null) return "";
        String split = CAMEL.matcher(s).replaceAll(" ");
        return NON_WORD.matcher(split.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }

    public boolean contains(String keyword) {
        String k = normalize(keyword);
        return !k.isEmpty() && text.contains(" " + k + " ");
    }
}
