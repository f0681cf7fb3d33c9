package io.incidentops.comms.notification;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Delivery keys stay what they were when each call site built its own: rows recorded before still match. */
class DeliveryKeysTest {

    @Test
    void theKeyOfThePartsJoinedBySlashes() {
        Instant at = Instant.parse("2026-12-02T10:15:30.123Z");
        UUID expected = UUID.nameUUIDFromBytes(("commander-notice/INC-20261202-001/" + at)
                .getBytes(StandardCharsets.UTF_8));

        assertThat(DeliveryKeys.of("commander-notice", "INC-20261202-001", at)).isEqualTo(expected);
        assertThat(DeliveryKeys.of("recovery-failed", "INC-20261202-001", at))
                .as("another purpose, another delivery").isNotEqualTo(expected);
    }
}
