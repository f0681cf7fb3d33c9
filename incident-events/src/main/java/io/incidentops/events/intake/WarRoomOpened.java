package io.incidentops.events.intake;

import io.incidentops.events.IncidentEventData;
import java.time.*;
import java.util.*;

/** The incident war room opened: a chat channel, a video link for P0/P1 (else null), a shared document. */
public record WarRoomOpened(String incidentId, String channel, String videoUrl, String documentUrl, Instant openedAt) implements IncidentEventData {
    public WarRoomOpened {
        Objects.requireNonNull(incidentId, "incidentId");
    }
}
