package io.incidentops.intake.oncall.people;

import io.incidentops.platform.problem.InvalidInputException;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Resource IDs: the caller's own (for declarative setups) or a PagerDuty-like {@code P} + 6 characters. */
public final class Ids {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String orNew(String given, String field) {
        if (given == null) {
            StringBuilder sb = new StringBuilder("P");
            for (int i = 0; i < 6; i++) sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            return sb.toString();
        }
        if (!VALID.matcher(given).matches()) {
            throw new InvalidInputException(field, "must be 1-64 letters, digits, '_', '.' or '-'");
        }
        return given;
    }
}
