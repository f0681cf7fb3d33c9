package io.incidentops.reporter.support;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How durations and instants read in documents: "1h 2m 5s", "2025-11-15 14:02:00 UTC". */
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private Formats() {
    }

    public static String duration(Duration d) {
        if (d == null) return "unknown";
        long s = d.getSeconds();
        long days = s / 86_400;
        long hours = (s % 86_400) / 3_600;
        long minutes = (s % 3_600) / 60;
        long seconds = s % 60;
        StringBuilder out = new StringBuilder();
        if (days > 0) out.append(days).append("d ");
        if (days > 0 || hours > 0) out.append(hours).append("h ");
        if (days > 0 || hours > 0 || minutes > 0) out.append(minutes).append("m ");
        return out.append(seconds).append('s').toString();
    }

    public static String time(Instant t) {
        return t == null ? "unknown" : TIME.format(t);
    }

    /** The UTC date used in document file names. */
    public static String date(Instant t) {
        return DATE.format(t);
    }

    /** Durations in seconds (null stays null). */
    public static Long seconds(Duration d) {
        return d == null ? null : d.getSeconds();
    }
}
