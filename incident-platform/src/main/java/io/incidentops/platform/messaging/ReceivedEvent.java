package io.incidentops.platform.messaging;

import io.incidentops.events.EventType;
import io.incidentops.events.IncidentEventData;

import java.time.Instant;
import java.util.UUID;

/** A CloudEvent read from {@code incident-events}: its attributes and its typed data. */
public record ReceivedEvent(UUID id, EventType type, String source, String subject, Instant time,
                            IncidentEventData data) {
}
