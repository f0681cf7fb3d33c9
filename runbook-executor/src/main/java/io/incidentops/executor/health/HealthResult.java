package io.incidentops.executor.health;

/**
 * The outcome of one health check: its {@link HealthStatus} and a short, human detail ("HTTP 200",
 * "DOWN: connection refused").
 */
public record HealthResult(HealthStatus status, String detail) {

    public boolean up() {
        return status == HealthStatus.UP;
    }

    public static HealthResult unknown(String service) {
        return new HealthResult(HealthStatus.UNKNOWN, "no health URL configured for " + service);
    }
}
