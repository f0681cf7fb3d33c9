package io.incidentops.intake.oncall.people;

import io.incidentops.platform.problem.InvalidInputException;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Checks shared by the on-call resources; each failure names the field (400 problem+json). */
public final class Validation {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");

    private Validation() {
    }

    public static String text(String value, String field, int max) {
        if (value == null || value.isBlank()) throw new InvalidInputException(field, "is required");
        String v = value.strip();
        if (v.length() > max) throw new InvalidInputException(field, "must be at most " + max + " characters");
        if (v.chars().anyMatch(Character::isISOControl)) throw new InvalidInputException(field, "must be one line");
        return v;
    }

    public static String email(String value, String field) {
        String v = text(value, field, 320);
        if (!EMAIL.matcher(v).matches()) throw new InvalidInputException(field, "must be an e-mail address");
        return v;
    }

    public static String zone(String value, String field) {
        if (value == null) return "UTC";
        try {
            return ZoneId.of(value).getId();
        } catch (DateTimeException e) {
            throw new InvalidInputException(field, "must be an IANA time zone such as Europe/Berlin");
        }
    }

    /** An ISO-8601 duration between zero and {@code max}. */
    public static Duration duration(String value, String field, Duration max) {
        if (value == null) throw new InvalidInputException(field, "is required (ISO-8601, e.g. PT5M)");
        try {
            Duration d = Duration.parse(value);
            if (d.isNegative() || d.compareTo(max) > 0) {
                throw new InvalidInputException(field, "must be between PT0S and " + max);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be an ISO-8601 duration, e.g. PT5M");
        }
    }

    /** An ISO-8601 date-time with offset ({@code 2026-03-29T09:00:00+02:00}). */
    public static Instant instant(String value, String field) {
        try {
            return OffsetDateTime.parse(String.valueOf(value)).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be an ISO-8601 date-time with offset");
        }
    }

    public static void require(boolean ok, String field, String message) {
        if (!ok) throw new InvalidInputException(field, message);
    }
}
