package io.incidentops.intake.alerts.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.events.deployments.DeployRecord;
import io.incidentops.intake.changes.ChangeRecords;
import io.incidentops.intake.declaration.IntakeOverloadedException;
import io.incidentops.intake.declaration.IntegrationRateLimits;
import io.incidentops.platform.json.ControlCharactersException;
import io.incidentops.platform.json.TextWithoutControlCharacters;
import io.incidentops.intake.integrations.Integration;
import io.incidentops.intake.integrations.IntegrationRoute;
import io.incidentops.intake.integrations.Integrations;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static io.incidentops.intake.alerts.pagerduty.PagerDutyBodies.invalid;
import static io.incidentops.intake.alerts.pagerduty.PagerDutyBodies.structured;
import static io.incidentops.intake.alerts.pagerduty.PagerDutyBodies.text;

/**
 * PagerDuty Events API v2 change events, {@code POST /v2/change/enqueue} (PagerDuty developer-docs
 * {@code events-API-v2/03-Change-Events.md}; go-pagerduty {@code ChangeEvent}/{@code ChangeEventResponse}): the
 * {@code routing_key} is the integration key, {@code payload.summary} (≤ 1024) is required, {@code source},
 * {@code timestamp}, {@code custom_details} and {@code links[]} optional. Each accepted event is a plain deploy record
 * on the {@code deployments} topic, so that the executor's diagnostics list it among the service's recent changes;
 * 202 {@code {"status":"success","message":"Change event processed"}} once the broker holds it.
 * <p>
 * The record's service is {@code custom_details.service}, else {@code payload.source}, else the integration's name;
 * its version {@code custom_details.version}, else the summary (≤ 255, what diagnostics show), its environment
 * {@code custom_details.environment}.
 */
@Path("/v2/change/enqueue")
public class PagerDutyChangeEventsResource {

    static final String ORIGIN = "pagerduty-change";
    private static final int MAX_RECORD_FIELD = 255;
    private static final List<String> PAYLOAD_TEXTS = List.of("summary", "source", "timestamp");
    /** ISO-8601 with the offset written either way: PagerDuty's own example is {@code 2020-07-17T08:42:58.315+0000}. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    /** PagerDuty's answer to an accepted change event (go-pagerduty's test fixture). */
    public record Accepted(String status, String message) {
    }

    @Inject
    ObjectMapper mapper;

    @Inject
    Integrations integrations;

    @Inject
    IntegrationRateLimits rateLimits;

    @Inject
    ChangeRecords changes;

    @Inject
    Clock clock;

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> enqueue(String body) {
        List<String> errors = new ArrayList<>();
        JsonNode event = readObject(body, errors);
        Optional<Integration> integration = event == null ? Optional.empty() : integration(event, errors);
        DeployRecord record = event == null ? null : record(event, integration, errors);
        if (!errors.isEmpty()) {
            return CompletableFuture.completedFuture(invalid(errors));
        }
        try {
            rateLimits.acquire(integration.get(), 1);
        } catch (IntakeOverloadedException e) {
            return CompletableFuture.completedFuture(OverloadedMapper.unavailable(e, Response.Status.TOO_MANY_REQUESTS));
        }
        return changes.publish(record).handle((sent, failure) -> failure == null
                ? Response.accepted(new Accepted("success", "Change event processed")).type(MediaType.APPLICATION_JSON).build()
                : OverloadedMapper.unavailable(new IntakeOverloadedException(
                        "the change event could not be stored: " + failure.getClass().getSimpleName(), 2),
                        Response.Status.SERVICE_UNAVAILABLE));
    }

    private JsonNode readObject(String body, List<String> errors) {
        try {
            JsonNode event = body == null || body.isBlank() ? null : mapper.readTree(body);
            if (event != null && event.isObject()) return event;
            errors.add("Event object must be a JSON object");
        } catch (JsonProcessingException e) {
            errors.add("Invalid JSON: " + e.getOriginalMessage());
        }
        return null;
    }

    /** The credential: the body's {@code routing_key}, verified as an integration key. */
    private Optional<Integration> integration(JsonNode event, List<String> errors) {
        structured(event, "", List.of("routing_key"), errors);
        String routingKey = text(event, "routing_key");
        Optional<Integration> integration = routingKey == null ? Optional.empty() : integrations.verify(routingKey);
        if (routingKey == null) errors.add("'routing_key' is missing or blank");
        else if (integration.isEmpty()) errors.add("'routing_key' is invalid");
        else if (!integration.get().mayUse(IntegrationRoute.PAGERDUTY_CHANGES)) {
            errors.add("'routing_key' may not send change events (its integration is scoped to other routes)");
            return Optional.empty();
        }
        return integration;
    }

    private DeployRecord record(JsonNode event, Optional<Integration> integration, List<String> errors) {
        TextWithoutControlCharacters.firstWithControlCharacter(event)
                .ifPresent(field -> errors.add("'" + field + "' " + ControlCharactersException.MESSAGE));
        JsonNode payload = event.get("payload");
        if (payload == null || !payload.isObject()) {
            errors.add("'payload' is missing or not an object");
            return null;
        }
        structured(payload, "payload.", PAYLOAD_TEXTS, errors);
        String summary = text(payload, "summary");
        if (summary == null) errors.add("'payload.summary' is missing or blank");
        else if (summary.length() > 1024) errors.add("'payload.summary' must be at most 1024 characters");
        JsonNode details = payload.path("custom_details");
        if (!details.isMissingNode() && !details.isNull() && !details.isObject()) {
            errors.add("'payload.custom_details' must be an object");
            details = mapper.createObjectNode();
        }
        Instant at = timestamp(text(payload, "timestamp"), errors);
        List<DeployRecord.Link> links = links(event.get("links"), errors);
        String service = firstOf(text(details, "service"), text(payload, "source"), integration.map(Integration::name).orElse(null));
        String version = firstOf(text(details, "version"), summary, null);
        String environment = text(details, "environment");
        if (service != null && service.length() > MAX_RECORD_FIELD) {
            errors.add("the change's service ('payload.custom_details.service', else 'payload.source') must be at most "
                    + MAX_RECORD_FIELD + " characters");
        }
        if (environment != null && environment.length() > MAX_RECORD_FIELD) {
            errors.add("'payload.custom_details.environment' must be at most " + MAX_RECORD_FIELD + " characters");
        }
        if (!errors.isEmpty()) return null;
        @SuppressWarnings("unchecked")
        Map<String, Object> detailMap = details.isObject() ? mapper.convertValue(details, Map.class) : null;
        return new DeployRecord(service, cut(version), environment, at, summary, ORIGIN, links, detailMap);
    }

    /** The sender's time, a future one taken as now (one bad clock must not hide the change from the look-back). */
    private Instant timestamp(String value, List<String> errors) {
        Instant now = Instant.now(clock);
        if (value == null) return now;
        try {
            Instant at = OffsetDateTime.parse(value, TIMESTAMP).toInstant();
            return at.isAfter(now) ? now : at;
        } catch (DateTimeParseException e) {
            errors.add("'payload.timestamp' is not an ISO-8601 timestamp");
            return now;
        }
    }

    private static List<DeployRecord.Link> links(JsonNode links, List<String> errors) {
        if (links == null || links.isNull()) return null;
        if (!links.isArray()) {
            errors.add("'links' must be an array");
            return null;
        }
        List<DeployRecord.Link> result = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            JsonNode link = links.get(i);
            String href = link.isObject() ? text(link, "href") : null;
            if (href == null || link.path("text").isContainerNode()) {
                errors.add("'links[" + i + "]' must be an object with a string 'href'");
            } else {
                result.add(new DeployRecord.Link(href, text(link, "text")));
            }
        }
        return result;
    }

    private static String firstOf(String a, String b, String c) {
        return a != null ? a : b != null ? b : c;
    }

    private static String cut(String s) {
        return s == null || s.length() <= MAX_RECORD_FIELD ? s : s.substring(0, MAX_RECORD_FIELD - 1) + "…";
    }
}
