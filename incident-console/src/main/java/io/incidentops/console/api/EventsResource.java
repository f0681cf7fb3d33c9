package io.incidentops.console.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentops.console.live.EventHub;
import io.incidentops.console.live.LiveEvent;
import io.incidentops.console.signin.Roles;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import java.time.Duration;

/**
 * {@code GET /events}: the incident events this replica reads, as server-sent events ({@code id} = CloudEvent id,
 * {@code event} = its short type, {@code data} = id, type, incidentId, time and the event's data), with a
 * {@code : keep-alive} comment every 15 s so proxies keep the connection. {@code ?incident=} follows one incident.
 */
@Path("/events")
@RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
public class EventsResource {

    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    @Inject
    EventHub hub;

    @Inject
    ObjectMapper json;

    @Context
    Sse sse;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@QueryParam("incident") String incident) {
        Multi<OutboundSseEvent> events = hub.stream(incident == null ? null : IncidentIds.checked(incident))
                .map(this::toSse);
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(KEEP_ALIVE)
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        return Multi.createBy().merging().streams(events, keepAlive);
    }

    private OutboundSseEvent toSse(LiveEvent event) {
        ObjectNode body = json.createObjectNode()
                .put("id", event.id())
                .put("type", event.type())
                .put("incidentId", event.incidentId())
                .put("time", event.time());
        body.set("data", event.data());
        return sse.newEventBuilder()
                .id(event.id())
                .name(event.name())
                .mediaType(MediaType.TEXT_PLAIN_TYPE) // the JSON text as it is (a JSON writer would quote it)
                .data(body.toString())
                .build();
    }
}
