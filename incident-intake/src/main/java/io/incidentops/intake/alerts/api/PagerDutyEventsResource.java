package io.incidentops.intake.alerts.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.intake.alerts.AlertNormalizer;
import io.incidentops.intake.alerts.pagerduty.PagerDutyEvent;
import io.incidentops.intake.declaration.AlertActions;
import io.incidentops.intake.declaration.AlertIngest;
import io.incidentops.intake.declaration.IntakeOverloadedException;
import io.incidentops.intake.declaration.IntegrationRateLimits;
import io.incidentops.intake.integrations.Integration;
import io.incidentops.intake.integrations.IntegrationRoute;
import io.incidentops.intake.integrations.Integrations;
import io.incidentops.platform.json.ControlCharactersException;
import io.incidentops.platform.json.TextWithoutControlCharacters;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.incidentops.intake.alerts.pagerduty.PagerDutyBodies.invalid;
import static io.incidentops.intake.alerts.pagerduty.PagerDutyBodies.structured;
import static io.incidentops.intake.alerts.pagerduty.PagerDutyBodies.text;

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

    @Inject
    ObjectMapper mapper;

    @Inject
    Integrations integrations;

    @Inject
    AlertIngest ingest;

    @Inject
    IntegrationRateLimits rateLimits;

    @Inject
    AlertActions actions;

    @Inject
    AlertNormalizer normalizer;

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
        // a NUL reached PostgreSQL (500)
        TextWithoutControlCharacters.firstWithControlCharacter(event)
                .ifPresent(field -> errors.add("'" + field + "' " + ControlCharactersException.MESSAGE));
        structured(event, "", List.of("routing_key"), errors);
        String routingKey = text(event, "routing_key");
        Optional<Integration> integration = routingKey == null ? Optional.empty() : integrations.verify(routingKey);
        if (routingKey == null) errors.add("'routing_key' is missing or blank");
        else if (integration.isEmpty()) errors.add("'routing_key' is invalid");
        else if (!integration.get().mayUse(IntegrationRoute.PAGERDUTY_EVENTS)) {
            errors.add("'routing_key' may not send events (its integration is scoped to other routes)");
        }
        PagerDutyEvent parsed = PagerDutyEvent.read(event, SOURCE, Instant.now(clock), errors);
        if (!errors.isEmpty()) {
            return invalid(errors);
        }
        Integration from = integration.get();
        rateLimits.acquire(from, 1);
        switch (parsed.action()) {
            case PagerDutyEvent.TRIGGER -> ingest.ingest(from, parsed.trigger());
            case PagerDutyEvent.ACKNOWLEDGE -> actions.acknowledge(from, parsed.dedupKey(), "pagerduty:" + from.name());
            default -> actions.resolve(from, normalizer.resolvedNotice(SOURCE, parsed.dedupKey(), PagerDutyEvent.RESOLVED_SUMMARY));
        }
        return accepted(parsed.dedupKey());
    }

    private static Response accepted(String dedupKey) {
        return Response.accepted(new Accepted("success", "Event processed", dedupKey)).type(MediaType.APPLICATION_JSON).build();
    }
}
