package io.incidentops.comms.paging.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentops.comms.config.CommsConfig;
import io.incidentops.comms.webhook.WebhookUrlPolicy;
import io.incidentops.events.model.ContactAddress;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Microsoft Teams through a Workflows webhook: an Adaptive Card (1.4) with the headline, the text (plain text runs)
 * and an Acknowledge action. The page's address names one of the webhooks the operator configured
 * ({@code channels.teams.webhooks.<name>}); it is never a URL, because a Workflows URL is a secret (it carries its
 * signature) and an event's address is stored, listed and carried on Kafka. The URLs are checked at start against
 * {@code channels.teams.allowed-hosts} (the webhook SSRF rules): a bad one stops the service from starting.
 */
@ApplicationScoped
public class TeamsSender implements ChannelSender {

    static final String PROVIDER = "teams";
    @Inject
    CommsConfig config;

    @Inject
    HttpExchange http;

    @Inject
    ObjectMapper json;

    private volatile Map<String, URI> webhooks;

    void onStart(@Observes StartupEvent event) {
        webhooks();
    }

    @Override
    public String channel() {
        return ContactAddress.TEAMS;
    }

    @Override
    public Optional<String> unconfigured(String address) {
        return webhooks().containsKey(address) ? Optional.empty()
                : Optional.of("no Teams webhook named '" + address + "' (incidentops.comms.channels.teams.webhooks."
                        + address + ")");
    }

    @Override
    public Outcome send(Delivery d) {
        try {
            HttpExchange.Answer answer = http.send(HttpRequest.newBuilder(webhooks().get(d.address()))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(card(d), StandardCharsets.UTF_8)));
            return Outcome.ofStatus(PROVIDER, answer, null);
        } catch (IOException e) {
            return Outcome.retry(PROVIDER, "teams: " + e, null);
        }
    }

    /** The message a Workflows "post to a channel when a webhook request is received" flow expects. */
    String card(Delivery d) throws IOException {
        ObjectNode message = json.createObjectNode().put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject()
                .put("contentType", "application/vnd.microsoft.card.adaptive");
        ObjectNode card = attachment.putObject("content")
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard").put("version", "1.4");
        // RichTextBlock/TextRun, not TextBlock: a TextRun is never read as Markdown, so alert text cannot make links
        var body = card.putArray("body");
        body.addObject().put("type", "RichTextBlock").putArray("inlines").addObject().put("type", "TextRun")
                .put("text", d.subject()).put("weight", "Bolder").put("size", "Medium");
        body.addObject().put("type", "RichTextBlock").putArray("inlines").addObject().put("type", "TextRun")
                .put("text", d.body());
        if (d.ackUrl() != null) {
            card.putArray("actions").addObject().put("type", "Action.OpenUrl").put("title", "Acknowledge")
                    .put("url", d.ackUrl());
        }
        return json.writeValueAsString(message);
    }

    private Map<String, URI> webhooks() {
        if (webhooks == null) {
            WebhookUrlPolicy policy = new WebhookUrlPolicy("incidentops.comms.channels.teams.allowed-hosts",
                    config.channels().teams().allowedHosts());
            Map<String, URI> checked = new LinkedHashMap<>();
            config.channels().teams().webhooks().forEach((name, url) -> {
                String key = "incidentops.comms.channels.teams.webhooks." + name;
                // a configured name must be one a contact method can hold
                ContactAddress.problem(channel(), name).ifPresent(p -> {
                    throw new IllegalStateException(key + ": " + p);
                });
                try {
                    checked.put(name, policy.check(key, url));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException(e.getMessage());
                }
            });
            webhooks = Map.copyOf(checked);
        }
        return webhooks;
    }
}
