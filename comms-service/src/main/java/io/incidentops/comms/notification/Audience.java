package io.incidentops.comms.notification;

/** Who a message is for: customers (public status page), stakeholders (internal notices), responders. */
public enum Audience {
    CUSTOMERS, STAKEHOLDERS, RESPONDERS;

    public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }
}
