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

    /** The same delay, or the provider's own Retry-After when that is longer (null: it named none), capped alike. */
    public static Duration after(int attempts, Duration retryAfter, Duration first, Duration max) {
        Duration delay = after(attempts, first, max);
        if (retryAfter == null || retryAfter.compareTo(delay) <= 0) return delay;
        return retryAfter.compareTo(max) > 0 ? max : retryAfter;
    }
}
