package io.incidentops.comms.notification;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The id of a delivery that must happen once, derived from what makes it the same delivery (purpose, incident,
 * person, time...): the same event handled again, or published again, finds the row it recorded the first time.
 */
public final class DeliveryKeys {

    private DeliveryKeys() {
    }

    /** A name-based UUID of the parts joined by {@code /} (stable: deliveries recorded earlier keep their keys). */
    public static UUID of(Object... parts) {
        String name = Stream.of(parts).map(String::valueOf).collect(Collectors.joining("/"));
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
