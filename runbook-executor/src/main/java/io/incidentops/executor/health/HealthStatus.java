package io.incidentops.executor.health;

/** What one health check found: UP (2xx), DOWN (anything else, including no answer) or UNKNOWN (no URL configured). */
public enum HealthStatus {
    UP, DOWN, UNKNOWN
}
