package io.incidentops.intake.declaration;

import io.incidentops.intake.integrations.Integration;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per integration (as PagerDuty throttles per routing key), counted in alerts, off unless the integration
 * has a rate limit (configured, or set through the admin API):
 * one noisy source must not take a shared intake's capacity from the others. Per replica: N replicas admit N times the
 * configured rate, which the operator divides when configuring.
 */
@ApplicationScoped
public class IntegrationRateLimits {

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Takes {@code alerts} tokens from the integration's bucket, or refuses with the seconds until they are there. */
    public void acquire(Integration integration, int alerts) {
        Integration.RateLimit limit = integration.rateLimit();
        if (limit == null) return;
        double capacity = Math.max(limit.burst(), 1);
        Bucket bucket = buckets.computeIfAbsent(integration.name(), name -> new Bucket(capacity));
        double missing = bucket.take(alerts, limit.perSecond(), capacity);
        if (missing > 0) {
            int retryAfter = (int) Math.max(1, Math.ceil(missing / limit.perSecond()));
            throw new IntakeOverloadedException("integration '" + integration.name() + "' is over its rate limit of "
                    + limit.perSecond() + " alerts/s", retryAfter);
        }
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt = System.nanoTime();

        Bucket(double capacity) {
            this.tokens = capacity;
        }

        /** @return 0 when taken, else how many tokens are missing (nothing is taken then) */
        synchronized double take(int n, double perSecond, double capacity) {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
            if (tokens >= n) {
                tokens -= n;
                return 0;
            }
            return n - tokens;
        }
    }
}
