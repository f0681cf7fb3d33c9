package io.incidentops.comms.notification;

/** Where a message went (the contract values of {@code comms.notification-sent}). */
public enum Channel {
    STATUS_PAGE, WEBHOOK;

    public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }
}
