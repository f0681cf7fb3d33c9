package io.incidentops.platform.deadletter;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A record this service could never process, as it was read from {@code topic}, with the reason; replayed (sent to its
 * topic again) once someone fixed what made it fail.
 */
public record DeadLetter(UUID id, String topic, int partition, long offset, String key, String value,
                         List<Header> headers, String reason, Instant deadAt, Instant replayedAt, String replayedBy) {

    /** A Kafka header as UTF-8 text. */
    public record Header(String name, String value) {
    }
}
