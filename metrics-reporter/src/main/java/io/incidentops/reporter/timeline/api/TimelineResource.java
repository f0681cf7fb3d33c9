package io.incidentops.reporter.timeline.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.events.EventCodec;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.incidentops.platform.security.Roles;
import io.incidentops.reporter.timeline.TimelineEntry;
import io.incidentops.reporter.timeline.TimelineProjection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The timeline of one incident: every event, in time order (ties in arrival order). */
@Path("/api/incidents/{id}/timeline")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
public class TimelineResource {

    private static final ObjectMapper JSON = EventCodec.mapper();

    @Inject
    TimelineProjection projection;

    public record Entry(UUID eventId, String type, Instant occurredAt, Instant receivedAt, String source,
                        String description, JsonNode data) {
        static Entry of(TimelineEntry e) {
            JsonNode data;
            try {
                data = JSON.readTree(e.data);
            } catch (JsonProcessingException ex) {
                data = null;
            }
            return new Entry(e.eventId, e.type, e.occurredAt, e.receivedAt, e.source, e.description, data);
        }
    }

    public record Timeline(String incidentId, List<Entry> entries) {
    }

    @GET
    public Timeline get(@PathParam("id") String id) {
        List<TimelineEntry> entries = projection.timeline(id);
        if (entries.isEmpty()) {
            throw new ResourceNotFoundException("No incident " + id + " is known to the reporter.");
        }
        return new Timeline(id, entries.stream().map(Entry::of).toList());
    }
}
