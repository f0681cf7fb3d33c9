package io.incidentops.comms.paging.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.incidentops.comms.config.CommsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one Slack Web API client of comms (pages and the war room): {@code POST {base-url}/<method>} with a JSON body
 * or {@code GET} with query parameters, {@code Authorization: Bearer <bot token>}, through {@link HttpExchange}. Slack
 * answers failures as HTTP 200 {@code {"ok":false,"error":...}}; {@link Reply} reads both kinds of failure.
 */
@ApplicationScoped
public class SlackApi {

    public static final String PROVIDER = "slack";
    /** Slack's own errors worth trying again later (the rest are refusals). */
    private static final Set<String> TRANSIENT = Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout");

    @Inject
    CommsConfig config;

    @Inject
    HttpExchange http;

    @Inject
    ObjectMapper json;

    /**
     * Slack's answer to one call. {@code error} is Slack's error code, {@code HTTP <status>} for another status than
     * 200, or the I/O failure; null when ok. {@code retryAfter}: Slack's Retry-After (429 or {@code ratelimited}).
     */
    public record Reply(boolean ok, String error, JsonNode body, int status, Duration retryAfter) {
        /** Rate limited, Slack's transient errors, 408/429/5xx and I/O failures: the same call may work later. */
        public boolean transientError() {
            return !ok && (status == 0 || status == 408 || status == 429 || status >= 500 || TRANSIENT.contains(error));
        }
    }

    /** Why Slack cannot be used; empty when a bot token is configured. */
    public Optional<String> unconfigured() {
        return token().isPresent() ? Optional.empty()
                : Optional.of("Slack is not configured (incidentops.comms.channels.slack.token)");
    }

    public ObjectNode object() {
        return json.createObjectNode();
    }

    /** A write method ({@code chat.postMessage}, {@code conversations.create}...) with its JSON arguments. */
    public Reply post(String method, ObjectNode arguments) {
        try {
            return call(request(method, "").header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(arguments), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return new Reply(false, e.toString(), MissingNode.getInstance(), 0, null);
        }
    }

    /** A read method ({@code conversations.list}) with its arguments as query parameters. */
    public Reply get(String method, Map<String, String> arguments) {
        String query = arguments.entrySet().stream()
                .map(a -> a.getKey() + "=" + URLEncoder.encode(a.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "?", ""));
        return call(request(method, query).GET());
    }

    private HttpRequest.Builder request(String method, String query) {
        return HttpRequest.newBuilder(URI.create(config.channels().slack().baseUrl().replaceAll("/+$", "") + "/"
                        + method + query))
                .header("Authorization", "Bearer " + token().orElseThrow());
    }

    private Reply call(HttpRequest.Builder request) {
        try {
            HttpExchange.Answer answer = http.send(request);
            if (answer.status() != 200) {
                return new Reply(false, "HTTP " + answer.status(), MissingNode.getInstance(), answer.status(),
                        answer.retryAfter());
            }
            JsonNode reply = json.readTree(answer.body());
            boolean ok = reply.path("ok").asBoolean(false);
            return new Reply(ok, ok ? null : reply.path("error").asText("unknown error"), reply, 200,
                    answer.retryAfter());
        } catch (IOException e) {
            return new Reply(false, e.toString(), MissingNode.getInstance(), 0, null);
        }
    }

    private Optional<String> token() {
        return config.channels().slack().token().filter(t -> !t.isBlank()).map(String::trim);
    }

    /** Slack's three control characters: alert text cannot mention {@code @channel} or forge a link. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
