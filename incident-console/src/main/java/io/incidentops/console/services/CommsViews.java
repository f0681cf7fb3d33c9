package io.incidentops.console.services;

/** comms-service's JSON as the console reads it: a commander's public update. */
public final class CommsViews {

    private CommsViews() {
    }

    /** {@code status}: investigating, identified, monitoring or resolved; {@code body}: what customers read. */
    public record UpdateRequest(String status, String body) {
    }

    /** Exactly what the status page will show: the incident's public name, status and the update's text. */
    public record PublicUpdate(String incidentId, String pageIncidentId, String shortlink, String name, String status,
                               String body) {
    }
}
