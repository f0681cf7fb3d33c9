package io.incidentops.events.comms;

import io.incidentops.events.IncidentEventData;

import java.time.Instant;
import java.util.Objects;

/**
 * The incident's war room exists for real: comms created (or, after a retry, found) the chat channel that
 * {@code incident.war-room-opened} named. {@code platform}: {@code slack}; {@code channelId} is the platform's id of the
 * channel, {@code channelName} its name there, {@code url} a link that opens it.
 */
public record WarRoomCreated(String incidentId, String platform, String channelId, String channelName, String url,
        Instant createdAt) implements IncidentEventData {
    public WarRoomCreated {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
