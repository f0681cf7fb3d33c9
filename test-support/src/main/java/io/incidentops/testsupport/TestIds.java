package io.incidentops.testsupport;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Unique names for tests: every test class of a module shares one broker and one database. */
public final class TestIds {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestIds() {
    }

    /**
     * An incident ID no other test uses. It keeps the {@code INC-...-NNN} shape but never matches a real day
     * ({@code T} + random hex instead of the date), so it cannot collide with IDs the service declares itself.
     */
    public static String newIncidentId() {
        return "INC-T" + random8() + "-" + String.format("%03d", SEQUENCE.incrementAndGet() % 1000);
    }

    /** {@code prefix-} and eight random hex characters. */
    public static String unique(String prefix) {
        return prefix + "-" + random8();
    }

    private static String random8() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
