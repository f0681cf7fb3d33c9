package io.incidentops.events;

/** The {@code data} of every IncidentOps CloudEvent. Events are keyed by, and their {@code subject} is, the incident ID. */
public interface IncidentEventData {
    String incidentId();
}
