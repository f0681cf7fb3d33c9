package io.incidentops.executor.health;

/**
 * The outcome of one health check: {@code status} UP, DOWN or UNKNOWN (no URL configured), and a short,
 * human detail ("HTTP 200", "DOWN: connection refused").
 */
public record HealthResult(String status, String detail) {

    public static final String UP = "UP";
    public static final String DOWN = "DOWN";
    public static final String UNKNOWN = "UNKNOWN";

    public boolean up() {
        return UP.equals(status);
    }

    public static HealthResult unknown(String service) {
        return new HealthResult(UNKNOWN, "no health URL configured for " + service);
    }
}
