package io.incidentops.intake.heartbeat.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.intake.heartbeat.Heartbeat;
import io.incidentops.intake.heartbeat.Heartbeats;
import io.incidentops.platform.json.TextWithoutControlCharacters;
import io.incidentops.intake.integrations.IntegrationRoute;
import io.incidentops.intake.integrations.Integrations;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static io.incidentops.intake.alerts.opsgenie.OpsgenieAnswers.data;
import static io.incidentops.intake.alerts.opsgenie.OpsgenieAnswers.error;
import static io.incidentops.intake.alerts.opsgenie.OpsgenieAnswers.result;
import static io.incidentops.intake.alerts.opsgenie.OpsgenieAnswers.notProcessable;
import static io.incidentops.intake.alerts.opsgenie.OpsgenieAnswers.unauthenticated;

/**
 * Opsgenie's Heartbeat API v2 (docs.opsgenie.com "Heartbeat API"; opsgenie-go-sdk-v2 {@code heartbeat/}; the node
 * {@code opsgenie-sdk}'s {@code lib/heartbeat/Heartbeat.js}), so heartbeats survive a move from Opsgenie: ping (GET,
 * POST, PUT or PATCH {@code /v2/heartbeats/{name}/ping} → 202 "PONG - Heartbeat received"), create, get, list,
 * update (PATCH), delete, enable and disable, all with {@code Authorization: GenieKey <integration key>}, answered in
 * Opsgenie's envelopes. An unknown name is a 404 (Opsgenie's ping answers PONG even then, since it processes pings
 * asynchronously; here a ping is recorded at once, so a sender with a misspelt name learns it).
 */
@Path("/v2/heartbeats")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class HeartbeatResource {

    private static final String GENIE_KEY = "GenieKey ";

    @Inject
    Integrations integrations;

    @Inject
    Heartbeats heartbeats;

    @Inject
    ObjectMapper mapper;

    /**
     * The one place a call is authenticated: the integration named by {@code Authorization: GenieKey <key>}, if its key
     * may use the Heartbeat API (a key scoped to other routes cannot authenticate here, as an Opsgenie key without
     * that right cannot).
     */
    private Optional<String> integration(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, GENIE_KEY, 0, GENIE_KEY.length())) {
            return Optional.empty();
        }
        return integrations.verify(authorization.substring(GENIE_KEY.length()).trim())
                .filter(i -> i.mayUse(IntegrationRoute.OPSGENIE_HEARTBEATS)).map(i -> i.name());
    }

    @GET
    @Path("/{name}/ping")
    public Response pingGet(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("name") String name) {
        return ping(authorization, name);
    }

    @POST
    @Path("/{name}/ping")
    @Consumes(MediaType.WILDCARD)
    public Response pingPost(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("name") String name) {
        return ping(authorization, name);
    }

    @PUT
    @Path("/{name}/ping")
    @Consumes(MediaType.WILDCARD)
    public Response pingPut(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("name") String name) {
        return ping(authorization, name);
    }

    @PATCH
    @Path("/{name}/ping")
    @Consumes(MediaType.WILDCARD)
    public Response pingPatch(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("name") String name) {
        return ping(authorization, name);
    }

    private Response ping(String authorization, String name) {
        long started = System.nanoTime();
        if (integration(authorization).isEmpty()) return unauthenticated(started);
        if (!HeartbeatBodies.validName(name) || !heartbeats.ping(name)) return notFound(name, started);
        return result(202, "PONG - Heartbeat received", started);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        long started = System.nanoTime();
        if (integration(authorization).isEmpty()) return unauthenticated(started);
        return withBody(body, started, json -> {
            HeartbeatBodies.Read read = HeartbeatBodies.create(json);
            if (!read.errors().isEmpty()) return notProcessable(read.errors(), started);
            return heartbeats.create(read.name(), read.settings())
                    .map(h -> data(201, HeartbeatBodies.View.of(h), started))
                    .orElseGet(() -> error(409, "Heartbeat with name [" + read.name() + "] already exists", started));
        });
    }

    @GET
    public Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        long started = System.nanoTime();
        if (integration(authorization).isEmpty()) return unauthenticated(started);
        return data(200, Map.of("heartbeats", heartbeats.list().stream().map(HeartbeatBodies.View::of).toList()), started);
    }

    @GET
    @Path("/{name}")
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("name") String name) {
        long started = System.nanoTime();
        if (integration(authorization).isEmpty()) return unauthenticated(started);
        return found(name, started, heartbeats.find(name));
    }

    @PATCH
    @Path("/{name}")
    @Consumes(MediaType.WILDCARD)
    public Response update(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("name") String name,
                           String body) {
        long started = System.nanoTime();
        if (integration(authorization).isEmpty()) return unauthenticated(started);
        return withBody(body, started, json -> {
            HeartbeatBodies.Read read = HeartbeatBodies.update(json);
            if (!read.errors().isEmpty()) return notProcessable(read.errors(), started);
            return found(name, started, heartbeats.update(name, read.settings()));
        });
    }

    @DELETE
    @Path("/{name}")
    public Response delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("name") String name) {
        long started = System.nanoTime();
        if (integration(authorization).isEmpty()) return unauthenticated(started);
        return heartbeats.delete(name) ? result(200, "Deleted", started) : notFound(name, started);
    }

    @POST
    @Path("/{name}/enable")
    @Consumes(MediaType.WILDCARD)
    public Response enable(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("name") String name) {
        return switchTo(authorization, name, true);
    }

    @POST
    @Path("/{name}/disable")
    @Consumes(MediaType.WILDCARD)
    public Response disable(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("name") String name) {
        return switchTo(authorization, name, false);
    }

    private Response switchTo(String authorization, String name, boolean enabled) {
        long started = System.nanoTime();
        if (integration(authorization).isEmpty()) return unauthenticated(started);
        return found(name, started, heartbeats.enable(name, enabled));
    }

    /** A JSON object body for {@code work}; Opsgenie answers 400 only for a body that is not JSON at all. */
    private Response withBody(String body, long started, Function<JsonNode, Response> work) {
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return error(400, "Invalid JSON body: " + e.getOriginalMessage(), started);
        }
        if (json == null || !json.isObject()) return error(400, "The request body must be a JSON object", started);
        Optional<String> control = TextWithoutControlCharacters.firstWithControlCharacter(json);
        if (control.isPresent()) return notProcessable(Map.of(control.get(), "must not contain control characters"), started);
        return work.apply(json);
    }

    private static Response found(String name, long started, Optional<Heartbeat> heartbeat) {
        return heartbeat.map(h -> data(200, HeartbeatBodies.View.of(h), started)).orElseGet(() -> notFound(name, started));
    }

    private static Response notFound(String name, long started) {
        return error(404, "Heartbeat with name [" + name + "] does not exist", started);
    }

}
