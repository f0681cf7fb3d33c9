package io.incidentops.comms.notification;

/** Where a message sits in an incident's communication. */
public enum Kind {
    INITIAL, UPDATE, RESOLUTION;

    public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }
}
