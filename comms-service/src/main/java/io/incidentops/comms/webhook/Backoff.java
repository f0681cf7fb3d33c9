package io.incidentops.comms.webhook;

import java.time.Duration;

/** Exponential retry delays shared by every delivery (webhooks, pages): {@code first}, doubled per attempt, capped. */
public final class Backoff {

    private Backoff() {
    }

    /** The delay after failed attempt number {@code attempts} (1-based). */
    public static Duration after(int attempts, Duration first, Duration max) {
        Duration delay = first;
        for (int i = 1; i < attempts && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
