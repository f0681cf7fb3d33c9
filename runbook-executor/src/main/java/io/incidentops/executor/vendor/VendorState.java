package io.incidentops.executor.vendor;

/**
 * A dependency's state as its status page tells it. DOWN: overall indicator {@code major} or {@code critical}, or a
 * watched component in {@code partial_outage} / {@code major_outage}. DEGRADED: indicator {@code minor} or a
 * component in {@code degraded_performance}. UNKNOWN: the page could not be read (never counted as down). In order of
 * severity: of several watched components, the worst one's state is the dependency's.
 */
public enum VendorState {
    UP, MAINTENANCE, DEGRADED, UNKNOWN, DOWN
}
