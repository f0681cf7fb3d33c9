package io.incidentops.executor.health;

/**
 * The outcome of one health check: its {@link HealthStatus} and a short, human detail ("HTTP 200",
 * "DOWN: connection refused") and the HTTP status when the endpoint answered.
 */
public record HealthResult(HealthStatus status, String detail, Integer httpStatus) {

    /** A check that got no HTTP answer (or none was made): {@code httpStatus} null. */
    public HealthResult(HealthStatus status, String detail) {
        this(status, detail, null);
    }

    public boolean up() {
        return status == HealthStatus.UP;
    }

    public static HealthResult unknown(String service) {
        return new HealthResult(HealthStatus.UNKNOWN, "no health URL configured for " + service);
    }
}
