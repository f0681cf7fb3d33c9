package io.incidentops.cli.output;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Values as a terminal shows them. Alert text is untrusted: control characters never reach the terminal. */
public final class Text {

    /** C0 and C1 controls (ESC starts terminal escape sequences; U+009B is a one-character CSI). */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Text() {
    }

    /** The value with line breaks and other control characters as spaces; "-" for nothing. */
    public static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        return CONTROL.matcher(value).replaceAll(" ");
    }

    /** Like {@link #safe} but keeps line breaks (multi-line texts such as a public update's body). */
    public static String safeLines(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        return value.replace("\r\n", "\n").lines().map(Text::safe).reduce((a, b) -> a + "\n" + b).orElse("-");
    }

    /** At most {@code max} characters, an ellipsis marking a cut. */
    public static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, Math.max(0, max - 1)) + "…";
    }

    /** An ISO-8601 instant as {@code 2026-12-04 12:01:05Z}; anything else as it came, made safe. */
    public static String time(String iso) {
        if (iso == null || iso.isBlank()) {
            return "-";
        }
        try {
            return TIME.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return safe(iso);
        }
    }
}
