package io.incidentops.intake.alerts.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.alerts.AlertNormalizer;
import io.incidentops.intake.alerts.opsgenie.OpsgenieAlertAction;
import io.incidentops.intake.alerts.opsgenie.OpsgenieAnswers;
import io.incidentops.intake.alerts.opsgenie.OpsgenieCreateAlert;
import io.incidentops.intake.declaration.AlertActions;
import io.incidentops.intake.declaration.AlertIngest;
import io.incidentops.intake.declaration.IntakeOverloadedException;
import io.incidentops.intake.declaration.IntegrationRateLimits;
import io.incidentops.intake.integrations.Integration;
import io.incidentops.intake.integrations.IntegrationRoute;
import io.incidentops.intake.integrations.Integrations;
import io.incidentops.platform.json.ControlCharactersException;
import io.incidentops.platform.json.TextWithoutControlCharacters;
import io.incidentops.platform.problem.InvalidInputException;
import io.incidentops.platform.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Opsgenie Alert API compatible {@code POST /v2/alerts}, {@code /v2/alerts/{identifier}/close} and
 * {@code .../acknowledge}, so Opsgenie senders (Alertmanager's {@code opsgenie_configs}, the Opsgenie SDKs) can point
 * at us. The credential is {@code Authorization: GenieKey <integration key>}. Answers are Opsgenie's
 * ({@link OpsgenieAnswers}): 202 once the alert is committed, 400 for a body that is not JSON, 422 naming the
 * invalid fields, 401 for a bad key, 429 at capacity. The {@code alias} is the dedup key; close records a resolved
 * notice on the open incident holding it (like an Alertmanager resolved alert, it does not resolve the incident);
 * acknowledge acknowledges that incident; both answer 202 when nothing is open, as Opsgenie answers before it looks.
 */
@Path("/v2/alerts")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class OpsgenieAlertsResource {

    static final String SOURCE = "opsgenie";
    private static final String GENIE_KEY = "GenieKey ";

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    @Inject
    Integrations integrations;

    @Inject
    AlertNormalizer normalizer;

    @Inject
    AlertIngest ingest;

    @Inject
    AlertActions actions;

    @Inject
    IntegrationRateLimits rateLimits;

    @POST
    @PermitAll
    public CompletionStage<Response> create(String body, @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        long started = System.nanoTime();
        Optional<Integration> integration = integrationOf(authorization);
        if (integration.isEmpty()) return CompletableFuture.completedFuture(OpsgenieAnswers.unauthenticated(started));
        if (!integration.get().mayUse(IntegrationRoute.OPSGENIE_ALERTS)) {
            return CompletableFuture.completedFuture(OpsgenieAnswers.forbidden(started));
        }
        try {
            Alert alert = normalizer.fromOpsgenie(read(body, OpsgenieCreateAlert.class), SOURCE);
            rateLimits.acquire(integration.get(), 1);
            return ingest.accept(integration.get(), List.of(alert)).handle((outcomes, failure) -> failure == null
                    ? OpsgenieAnswers.accepted(started) : refused(failure, started));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(refused(e, started));
        }
    }

    @POST
    @Path("/{identifier}/close")
    @PermitAll
    public Response close(@RestPath String identifier, @RestQuery String identifierType, String body,
                          @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return act(identifier, identifierType, body, authorization, true);
    }

    @POST
    @Path("/{identifier}/acknowledge")
    @PermitAll
    public Response acknowledge(@RestPath String identifier, @RestQuery String identifierType, String body,
                                @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        return act(identifier, identifierType, body, authorization, false);
    }

    private Response act(String identifier, String identifierType, String body, String authorization, boolean close) {
        long started = System.nanoTime();
        Optional<Integration> integration = integrationOf(authorization);
        if (integration.isEmpty()) return OpsgenieAnswers.unauthenticated(started);
        if (!integration.get().mayUse(IntegrationRoute.OPSGENIE_ALERTS)) return OpsgenieAnswers.forbidden(started);
        try {
            OpsgenieAlertAction action = read(body, OpsgenieAlertAction.class);
            String dedupKey = OpsgenieAlertAction.dedupKey(identifier, identifierType);
            rateLimits.acquire(integration.get(), 1);
            if (close) {
                actions.resolve(integration.get(), normalizer.resolvedNotice(SOURCE, dedupKey, OpsgenieAlertAction.CLOSED_SUMMARY));
            } else {
                actions.acknowledge(integration.get(), dedupKey, action.responder(integration.get().name()));
            }
            return OpsgenieAnswers.accepted(started);
        } catch (RuntimeException e) {
            return refused(e, started);
        }
    }

    /**
     * The integration whose key {@code Authorization: GenieKey <key>} presents (the scheme in any case, as HTTP
     * schemes are), or empty. The one place this route reads its credential.
     */
    private Optional<Integration> integrationOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, GENIE_KEY, 0, GENIE_KEY.length())) {
            return Optional.empty();
        }
        return integrations.verify(authorization.substring(GENIE_KEY.length()).trim());
    }

    /** The body bound and validated, or an {@link OpsgenieRefusal} in Opsgenie's terms. */
    private <T> T read(String body, Class<T> type) {
        JsonNode tree;
        try {
            tree = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new OpsgenieRefusal(400, "Invalid JSON body: " + e.getOriginalMessage(), null);
        }
        if (tree == null) throw new OpsgenieRefusal(400, "Invalid JSON body: the body is empty", null);
        if (!tree.isObject()) throw notProcessable("body", "must be a JSON object");
        TextWithoutControlCharacters.firstWithControlCharacter(tree)
                .ifPresent(field -> {
                    throw notProcessable(field, ControlCharactersException.MESSAGE);
                });
        T value;
        try {
            value = mapper.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw notProcessable(path(e), "has the wrong type");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new OpsgenieRefusal(422, OpsgenieAnswers.NOT_PROCESSABLE, violations.stream().collect(
                    Collectors.toMap(v -> v.getPropertyPath().toString(), ConstraintViolation::getMessage,
                            (a, b) -> a, TreeMap::new)));
        }
        return value;
    }

    private static String path(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) return "body";
        return mapping.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static OpsgenieRefusal notProcessable(String field, String message) {
        return new OpsgenieRefusal(422, OpsgenieAnswers.NOT_PROCESSABLE, Map.of(field, message));
    }

    /** A failure as Opsgenie would answer it; anything unforeseen is not swallowed. */
    private static Response refused(Throwable failure, long started) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof OpsgenieRefusal r) return OpsgenieAnswers.error(r.status, r.getMessage(), r.errors, started);
        if (cause instanceof InvalidInputException invalid) {
            return OpsgenieAnswers.notProcessable(invalid.errors().stream().collect(Collectors.toMap(
                    Problem.FieldError::field, Problem.FieldError::message, (a, b) -> a, TreeMap::new)), started);
        }
        if (cause instanceof IntakeOverloadedException overloaded) return OpsgenieAnswers.throttled(overloaded.getMessage(), overloaded.retryAfterSeconds(), started);
        if (cause instanceof RuntimeException runtime) throw runtime;
        throw new IllegalStateException(cause);
    }

    /** A request refused before anything was stored, with Opsgenie's status, message and field errors. */
    private static final class OpsgenieRefusal extends RuntimeException {
        final int status;
        final Map<String, String> errors;

        OpsgenieRefusal(int status, String message, Map<String, String> errors) {
            super(message, null, false, false);
            this.status = status;
            this.errors = errors;
        }
    }
}
