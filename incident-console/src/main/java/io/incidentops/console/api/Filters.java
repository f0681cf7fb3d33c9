package io.incidentops.console.api;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The incident list's filters, checked before they reach intake; blank means "any". */
public record Filters(String severity, String service, String status, String team) {

    public static final List<String> SEVERITIES = List.of("P0", "P1", "P2", "P3", "P4");
    public static final List<String> STATUSES =
            List.of("DECLARED", "INVESTIGATING", "IDENTIFIED", "MITIGATING", "MONITORING", "RESOLVED");
    private static final Pattern NAME = Pattern.compile("[\\p{Alnum}._:/@ -]{1,100}");

    public static Filters of(String severity, String service, String status, String team) {
        return new Filters(
                oneOf("severity", upper(severity), SEVERITIES),
                name("service", service),
                oneOf("status", upper(status), STATUSES),
                name("team", team));
    }

    /** Open incidents unless a status is asked for (RESOLVED ones included then). */
    public boolean openOnly() {
        return status == null;
    }

    public boolean any() {
        return severity != null || service != null || status != null || team != null;
    }

    private static String upper(String value) {
        return value == null || value.isBlank() ? null : value.trim().toUpperCase(Locale.ROOT);
    }

    private static String oneOf(String field, String value, List<String> allowed) {
        if (value == null) return null;
        if (!allowed.contains(value)) throw new BadInput(field, "must be one of " + String.join(", ", allowed));
        return value;
    }

    private static String name(String field, String value) {
        if (value == null || value.isBlank()) return null;
        String trimmed = value.trim();
        if (!NAME.matcher(trimmed).matches()) {
            throw new BadInput(field, "must be 1 to 100 letters, digits, spaces or . _ : / @ -");
        }
        return trimmed;
    }
}
