package io.incidentops.console.format;

import io.quarkus.qute.TemplateExtension;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What templates show: times in UTC to the minute ({@code {t.utc}}), links only when they are http(s). */
@TemplateExtension
public final class Formats {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** {@code 2026-12-04 10:00 UTC}: one clock for everyone on the incident, whatever their time zone. */
    static String utc(Instant instant) {
        return UTC.format(instant);
    }

    /**
     * The URL when it is an absolute http(s) one, else null: Qute escapes text, not link schemes, and a war-room
     * link that came with an alert must never become {@code javascript:}.
     */
    @TemplateExtension(namespace = "link")
    static String safe(String url) {
        if (url == null) return null;
        try {
            URI uri = URI.create(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
