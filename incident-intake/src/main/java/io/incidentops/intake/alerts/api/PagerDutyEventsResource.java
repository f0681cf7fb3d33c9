package io.incidentops.intake.alerts.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Severity;
import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.alerts.IncidentTypeClassifier;
import io.incidentops.intake.alerts.SeverityRule;
import io.incidentops.intake.declaration.AlertIngest;
import io.incidentops.intake.declaration.IntakeOverloadedException;
import io.incidentops.intake.declaration.IntegrationRateLimits;
import io.incidentops.intake.incident.IncidentLifecycle;
import io.incidentops.intake.incident.IncidentQueries;
import io.incidentops.platform.json.ControlCharactersException;
import io.incidentops.platform.json.TextWithoutControlCharacters;
import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.security.IntegrationKeys;
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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.incidentops.intake.alerts.api.PagerDutyBodies.invalid;
import static io.incidentops.intake.alerts.api.PagerDutyBodies.structured;
import static io.incidentops.intake.alerts.api.PagerDutyBodies.text;

/**
 * PagerDuty Events API v2 compatible {@code POST /v2/enqueue}, so existing PagerDuty integrations can point at us.
 * The {@code routing_key} is the integration key. Answers use PagerDuty's bodies, not problem details:
 * 202 {@code {status, message, dedup_key}}, 400 {@code {status: "invalid event", message, errors[]}}.
 * {@code acknowledge} acknowledges the open incident of the dedup key; {@code resolve} is recorded on it (like an
 * Alertmanager resolved alert, it does not resolve the incident); both are ignored when nothing is open.
 */
@Path("/v2/enqueue")
public class PagerDutyEventsResource {

    static final String SOURCE = "pagerduty";
    private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
    private static final List<String> PAYLOAD_TEXTS =
            List.of("summary", "source", "severity", "timestamp", "component", "group", "class");

    @Inject
    ObjectMapper mapper;

    @Inject
    IntegrationKeys keys;

    @Inject
    AlertIngest ingest;

    @Inject
    IntegrationRateLimits rateLimits;

    @Inject
    IncidentQueries queries;

    @Inject
    IncidentLifecycle lifecycle;

    @Inject
    Clock clock;

    public record Accepted(String status, String message, String dedup_key) {
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response enqueue(String body) {
        try {
            return process(body);
        } catch (IntakeOverloadedException e) {
            // PagerDuty's clients retry 429 ("throttled"), as they do against PagerDuty itself
            return OverloadedMapper.unavailable(e, Response.Status.TOO_MANY_REQUESTS);
        }
    }

    private Response process(String body) {
        JsonNode event;
        try {
            event = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return invalid(List.of("Invalid JSON: " + e.getOriginalMessage()));
        }
        if (event == null || !event.isObject()) {
            return invalid(List.of("Event object must be a JSON object"));
        }
        List<String> errors = new ArrayList<>();
        // a NUL reached PostgreSQL (500); an object as dedup_key was taken for a missing one (a new incident)
        TextWithoutControlCharacters.firstWithControlCharacter(event)
                .ifPresent(field -> errors.add("'" + field + "' " + ControlCharactersException.MESSAGE));
        structured(event, "", List.of("routing_key", "event_action", "dedup_key"), errors);
        if (event.path("payload").isObject()) {
            structured(event.get("payload"), "payload.", PAYLOAD_TEXTS, errors);
        }
        String routingKey = text(event, "routing_key");
        Optional<String> integration = routingKey == null ? Optional.empty() : keys.verify(routingKey);
        if (routingKey == null) errors.add("'routing_key' is missing or blank");
        else if (integration.isEmpty()) errors.add("'routing_key' is invalid");
        String action = text(event, "event_action");
        if (action == null || !ACTIONS.contains(action)) errors.add("'event_action' must be one of trigger, acknowledge, resolve");
        String dedupKey = text(event, "dedup_key");
        if (dedupKey != null && dedupKey.length() > 255) errors.add("'dedup_key' must be at most 255 characters");
        if (dedupKey == null && ("acknowledge".equals(action) || "resolve".equals(action))) {
            errors.add("'dedup_key' is required for " + action + " events");
        }
        JsonNode payload = event.get("payload");
        Instant now = Instant.now(clock);
        Instant timestamp = null;
        if ("trigger".equals(action)) {
            if (payload == null || !payload.isObject()) {
                errors.add("'payload' is missing or not an object");
            } else {
                String summary = text(payload, "summary");
                if (summary == null) errors.add("'payload.summary' is missing or blank");
                else if (summary.length() > 1024) errors.add("'payload.summary' must be at most 1024 characters");
                if (text(payload, "source") == null) errors.add("'payload.source' is missing or blank");
                String severity = text(payload, "severity");
                if (severity == null || !SEVERITIES.contains(severity)) {
                    errors.add("'payload.severity' must be one of critical, error, warning, info");
                }
                String ts = text(payload, "timestamp");
                if (ts != null) {
                    try {
                        timestamp = OffsetDateTime.parse(ts).toInstant();
                    } catch (DateTimeParseException e) {
                        errors.add("'payload.timestamp' is not an ISO-8601 timestamp");
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            return invalid(errors);
        }
        rateLimits.acquire(integration.get(), 1);
        String caller = "pagerduty:" + integration.get();
        switch (action) {
            case "trigger" -> {
                String key = dedupKey != null ? dedupKey : UUID.randomUUID().toString().replace("-", "");
                ingest.ingest(trigger(payload, key, timestamp, now));
                return accepted(key);
            }
            case "acknowledge" -> queries.findOpenByDedupKey(dedupKey).ifPresent(i -> {
                try {
                    lifecycle.acknowledge(i.id, caller);
                } catch (ConflictException resolvedMeanwhile) {
                    // PagerDuty ignores acknowledgements of resolved alerts; so do we
                }
            });
            default -> {
                if (queries.findOpenByDedupKey(dedupKey).isPresent()) {
                    ingest.ingest(new Alert(SOURCE, null, "Resolved via PagerDuty Events API", null, null, null,
                            Map.of(), null, now, dedupKey, null, null, true, now));
                }
            }
        }
        return accepted(dedupKey);
    }

    private Alert trigger(JsonNode payload, String dedupKey, Instant timestamp, Instant now) {
        String summary = text(payload, "summary");
        String source = text(payload, "source");
        String component = text(payload, "component");
        Map<String, String> labels = new LinkedHashMap<>();
        for (String field : new String[]{"source", "component", "group", "class"}) {
            String v = text(payload, field);
            if (v != null) labels.put(field, v);
        }
        String description = payload.has("custom_details") ? payload.get("custom_details").toString() : null;
        boolean outage = SeverityRule.signalsCompleteOutage(labels, summary, description);
        Severity severity = SeverityRule.fromWord(text(payload, "severity"), SeverityRule.Vocabulary.PAGERDUTY, outage)
                .orElseThrow();
        IncidentType type = IncidentTypeClassifier.classify(labels, text(payload, "class"), summary, description);
        Instant startsAt = timestamp != null && !timestamp.isAfter(now) ? timestamp : now;
        return new Alert(SOURCE, component != null ? component : source, summary, description, severity, type, labels,
                startsAt, null, dedupKey, null, null, false, now);
    }

    private static Response accepted(String dedupKey) {
        return Response.accepted(new Accepted("success", "Event processed", dedupKey)).type(MediaType.APPLICATION_JSON).build();
    }
}
