package io.incidentops.events;

/**
 * SmallRye Reactive Messaging channel names. They differ from topic names on purpose; each service maps
 * them to topics (and a failure strategy) in its configuration.
 */
public final class Channels {
    /** Outgoing: the outbox relay publishes here; mapped to {@link Topics#INCIDENT_EVENTS}. */
    public static final String EVENTS_OUT = "events-out";
    /** Incoming: each service's consumer of {@link Topics#INCIDENT_EVENTS}, with its own group. */
    public static final String EVENTS_IN = "events-in";
    /** Incoming: raw alerts for incident-intake; mapped to {@link Topics#ALERTS}. */
    public static final String ALERTS_IN = "alerts-in";
    /** Incoming: deployment records for runbook-executor; mapped to {@link Topics#DEPLOYMENTS}. */
    public static final String DEPLOYMENTS_IN = "deployments-in";
    /** Outgoing: change records intake accepted (PagerDuty change events); mapped to {@link Topics#DEPLOYMENTS}. */
    public static final String CHANGES_OUT = "changes-out";

    private Channels() {
    }
}
