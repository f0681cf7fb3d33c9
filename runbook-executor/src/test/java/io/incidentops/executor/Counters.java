package io.incidentops.executor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Reads the service's Micrometer counters by their dotted names (what the README lists). */
final class Counters {

    private Counters() {
    }

    /** The count of the counter with this name and these tags (key, value, ...); 0 before its first increment. */
    static double count(MeterRegistry registry, String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
