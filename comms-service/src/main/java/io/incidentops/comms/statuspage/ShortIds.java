package io.incidentops.comms.statuspage;

import java.security.SecureRandom;

/** Statuspage-style ids: 12 random lower-case letters and digits, not guessable, short enough for a URL. */
public final class ShortIds {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ShortIds() {
    }

    public static String next() {
        char[] id = new char[12];
        for (int i = 0; i < id.length; i++) id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        return new String(id);
    }
}
