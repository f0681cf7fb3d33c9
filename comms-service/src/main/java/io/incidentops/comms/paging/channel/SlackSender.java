package io.incidentops.comms.paging.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentops.comms.config.CommsConfig;
import io.incidentops.events.model.ContactAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Slack Web API {@code chat.postMessage} with the bot token: the page as a direct message to the Slack user id in the
 * address (a channel id works too), with an Acknowledge button. Slack answers 200 {@code {"ok":false,"error":...}}
 * on failure: {@code ratelimited} (or HTTP 429) waits for its Retry-After, Slack's own transient errors are retried,
 * any other error (unknown user, bad token) fails the page at once.
 */
@ApplicationScoped
public class SlackSender implements ChannelSender {

    static final String PROVIDER = "slack";
    private static final Set<String> TRANSIENT = Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout");

    @Inject
    CommsConfig config;

    @Inject
    HttpExchange http;

    @Inject
    ObjectMapper json;

    @Override
    public String channel() {
        return ContactAddress.SLACK;
    }

    @Override
    public Optional<String> unconfigured(String address) {
        return token().isPresent() ? Optional.empty()
                : Optional.of("Slack is not configured (incidentops.comms.channels.slack.token)");
    }

    @Override
    public Outcome send(Delivery d) {
        try {
            HttpExchange.Answer answer = http.send(HttpRequest.newBuilder(
                            URI.create(config.channels().slack().baseUrl().replaceAll("/+$", "") + "/chat.postMessage"))
                    .header("Authorization", "Bearer " + token().orElseThrow())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(message(d), StandardCharsets.UTF_8)));
            if (answer.status() != 200) return Outcome.ofStatus(PROVIDER, answer, null);
            JsonNode reply = json.readTree(answer.body());
            if (reply.path("ok").asBoolean(false)) return Outcome.sent(PROVIDER, reply.path("ts").asText(null));
            String error = reply.path("error").asText("unknown error");
            return TRANSIENT.contains(error) ? Outcome.retry(PROVIDER, "slack: " + error, answer.retryAfter())
                    : Outcome.failed(PROVIDER, "slack: " + error);
        } catch (IOException e) {
            return Outcome.retry(PROVIDER, "slack: " + e, null);
        }
    }

    /** The message: the headline as notification text, the body in a section, the ack link as a button. */
    String message(Delivery d) throws IOException {
        ObjectNode m = json.createObjectNode().put("channel", d.address()).put("text", escape(d.subject()));
        ArrayNode blocks = m.putArray("blocks");
        blocks.addObject().put("type", "section").putObject("text")
                .put("type", "mrkdwn").put("text", escape(d.body()));
        if (d.ackUrl() != null) {
            ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject()
                    .put("type", "button").put("style", "danger").put("url", d.ackUrl());
            button.putObject("text").put("type", "plain_text").put("text", "Acknowledge");
        }
        return json.writeValueAsString(m);
    }

    /** Slack's three control characters: alert text cannot mention {@code @channel} or forge a link. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private Optional<String> token() {
        return config.channels().slack().token().filter(t -> !t.isBlank()).map(String::trim);
    }
}
