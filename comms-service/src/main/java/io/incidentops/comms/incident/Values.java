package io.incidentops.comms.incident;

/** Fallbacks between what an event says and what comms remembered (events may leave fields out). */
final class Values {

    private Values() {
    }

    /** The first value with text in it, stripped; null when none has. */
    static String firstNonBlank(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v.strip();
        return null;
    }

    @SafeVarargs
    static <T> T firstNonNull(T... values) {
        for (T v : values) if (v != null) return v;
        return null;
    }
}
