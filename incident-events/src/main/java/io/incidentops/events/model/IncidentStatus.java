package io.incidentops.events.model;

/**
 * Lifecycle of an incident; only incident-intake changes it. The lower-case names of the middle four are
 * also Statuspage's incident statuses.
 */
public enum IncidentStatus {
    DECLARED,
    INVESTIGATING,
    IDENTIFIED,
    MITIGATING,
    MONITORING,
    RESOLVED;

    public boolean isOpen() { return this != RESOLVED; }
}
