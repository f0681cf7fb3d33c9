package io.incidentops.events.comms;

import io.incidentops.events.IncidentEventData;

import java.time.Instant;
import java.util.Objects;

/** The incident's war room was archived (a configured time after resolution); fields as in {@link WarRoomCreated}. */
public record WarRoomArchived(String incidentId, String platform, String channelId, String channelName,
        Instant archivedAt) implements IncidentEventData {
    public WarRoomArchived {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
