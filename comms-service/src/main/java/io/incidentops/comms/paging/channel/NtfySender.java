package io.incidentops.comms.paging.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.comms.config.CommsConfig;
import io.incidentops.events.model.ContactAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Push through an ntfy server: POST {@code <base-url>/<topic>} (the topic is the page's address) with the text as the
 * message and the headers {@code Title}, {@code Priority} (5 for high urgency, 3 for low), {@code Tags}, {@code Click}
 * (the acknowledge link) and, when configured, {@code Authorization: Bearer <token>}. ntfy's answer carries the
 * message id.
 */
@ApplicationScoped
public class NtfySender implements ChannelSender {

    static final String PROVIDER = "ntfy";

    @Inject
    CommsConfig config;

    @Inject
    HttpExchange http;

    @Inject
    ObjectMapper json;

    @Override
    public String channel() {
        return ContactAddress.PUSH;
    }

    @Override
    public Optional<String> unconfigured(String address) {
        return baseUrl().isPresent() ? Optional.empty()
                : Optional.of("push is not configured (incidentops.comms.channels.ntfy.base-url)");
    }

    @Override
    public Outcome send(Delivery d) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl().orElseThrow() + "/" + d.address()))
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .header("Title", header(d.subject()))
                    .header("Priority", d.highUrgency() ? "5" : "3")
                    .header("Tags", d.highUrgency() ? "rotating_light" : "warning")
                    .POST(HttpRequest.BodyPublishers.ofString(d.body(), StandardCharsets.UTF_8));
            if (d.ackUrl() != null) request.header("Click", d.ackUrl());
            config.channels().ntfy().token().filter(t -> !t.isBlank())
                    .ifPresent(t -> request.header("Authorization", "Bearer " + t.trim()));
            HttpExchange.Answer answer = http.send(request);
            return Outcome.ofStatus(PROVIDER, answer, answer.field(json, "id"));
        } catch (IOException e) {
            return Outcome.retry(PROVIDER, "ntfy: " + e, null);
        }
    }

    /** A header value from alert text: ASCII as is, anything else RFC 2047-encoded (which ntfy decodes). */
    static String header(String text) {
        boolean ascii = text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        return ascii ? text
                : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private Optional<String> baseUrl() {
        return config.channels().ntfy().baseUrl().filter(u -> !u.isBlank()).map(u -> u.trim().replaceAll("/+$", ""));
    }
}
