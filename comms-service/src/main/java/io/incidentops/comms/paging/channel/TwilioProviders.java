package io.incidentops.comms.paging.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.comms.config.CommsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Twilio-compatible REST providers in their configured order (issue #9 item 9): {@code POST
 * {base}/2010-04-01/Accounts/{sid}/{Messages|Calls}.json}, a form, Basic auth SID:token. The first provider that
 * accepts the request sends it (its {@code sid} is recorded with its name); one that errors (5xx, 429, timeout,
 * refused connection) hands the request to the next. A 4xx refusal (a bad number) ends there: another provider would
 * refuse the same request. When every provider errored, the page is retried later, from the first again.
 */
@ApplicationScoped
public class TwilioProviders {

    @Inject
    CommsConfig config;

    @Inject
    HttpExchange http;

    @Inject
    ObjectMapper json;

    public boolean configured() {
        return !providers().isEmpty();
    }

    public int count() {
        return providers().size();
    }

    /** @param resource {@code Messages} or {@code Calls}; @param form the request without {@code From} */
    public Outcome post(String resource, Map<String, String> form) {
        if (providers().isEmpty()) return Outcome.failed(null, "no SMS/voice provider is configured");
        List<String> errors = new ArrayList<>();
        for (CommsConfig.Provider p : providers()) {
            Map<String, String> fields = new LinkedHashMap<>(form);
            fields.put("From", p.from());
            try {
                HttpExchange.Answer answer = http.send(HttpRequest.newBuilder(URI.create(p.baseUrl().replaceAll("/+$", "")
                                + "/2010-04-01/Accounts/" + encode(p.accountSid()) + "/" + resource + ".json"))
                        .header("Authorization", basic(p))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(formOf(fields))));
                if (answer.status() / 100 == 2) {
                    return Outcome.sent(p.name(), answer.field(json, "sid"));
                }
                if (!answer.retryable()) {
                    return Outcome.failed(p.name(), p.name() + ": HTTP " + answer.status() + refusal(answer.body()));
                }
                errors.add(p.name() + ": HTTP " + answer.status());
            } catch (IOException e) {
                errors.add(p.name() + ": " + e);
            }
        }
        String last = providers().get(providers().size() - 1).name();
        return Outcome.retry(last, String.join("; ", errors), null);
    }

    /**
     * The delivery receipt: the provider's current status of a message or call it accepted ({@code GET
     * .../Messages/{sid}.json}, {@code .../Calls/{sid}.json}), empty when it cannot tell now.
     */
    public Optional<String> status(String providerName, String resource, String sid) {
        Optional<CommsConfig.Provider> provider = providers().stream().filter(p -> p.name().equals(providerName))
                .findFirst();
        if (provider.isEmpty()) return Optional.empty();
        CommsConfig.Provider p = provider.get();
        try {
            HttpExchange.Answer answer = http.send(HttpRequest.newBuilder(URI.create(p.baseUrl().replaceAll("/+$", "")
                            + "/2010-04-01/Accounts/" + encode(p.accountSid()) + "/" + resource + "/" + encode(sid) + ".json"))
                    .header("Authorization", basic(p)).GET());
            return answer.status() == 200 ? Optional.ofNullable(answer.field(json, "status")) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Twilio's error code and message, when the refusal carries them. */
    private String refusal(String body) {
        try {
            JsonNode error = json.readTree(body);
            return error.has("code") ? " (" + error.path("code").asText() + " " + error.path("message").asText() + ")" : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private List<CommsConfig.Provider> providers() {
        return config.channels().twilio().providers().orElse(List.of());
    }

    private static String basic(CommsConfig.Provider p) {
        return "Basic " + Base64.getEncoder().encodeToString((p.accountSid() + ":" + p.authToken())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String formOf(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
