package io.incidentops.comms.watchdog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.comms.config.CommsConfig;
import io.incidentops.comms.paging.channel.HttpExchange;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The other services' pipeline health, read over HTTP (never through Kafka, which may be what is broken): each
 * configured URL is a condition {@code health:<name>}, healthy only when it answers 200 with {@code "status":"UP"}. A
 * DOWN answer names its DOWN checks and their data (the outbox's oldest age and rows waiting); no answer counts too.
 */
@ApplicationScoped
public class HealthEndpoints {

    static final String PREFIX = "health:";
    private static final int MAX_DETAIL = 400;

    @Inject
    CommsConfig config;

    @Inject
    HttpExchange http;

    @Inject
    ObjectMapper json;

    /** A URL that cannot be one stops the start: a watchdog that cannot look is found at deploy. */
    void onStart(@Observes StartupEvent event) {
        config.watchdog().healthUrls().forEach((name, url) -> {
            URI uri;
            try {
                uri = URI.create(url.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("incidentops.comms.watchdog.health-urls." + name + " is not a URL");
            }
            if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalStateException("incidentops.comms.watchdog.health-urls." + name + " is not an http(s) URL");
            }
        });
    }

    public List<Observation> observe() {
        List<Observation> all = new ArrayList<>();
        new TreeMap<>(config.watchdog().healthUrls()).forEach((name, url) -> all.add(observe(name, url.strip())));
        return all;
    }

    Observation observe(String name, String url) {
        String condition = PREFIX + name;
        HttpExchange.Answer answer;
        try {
            answer = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").GET());
        } catch (IOException e) {
            return Observation.unhealthy(condition, name + " did not answer its health check: " + e);
        }
        JsonNode body = parse(answer.body());
        if (answer.status() == 200 && "UP".equals(body.path("status").asText())) {
            return Observation.healthy(condition, name + " is UP");
        }
        String detail = name + " answered HTTP " + answer.status() + " " + body.path("status").asText("(no status)")
                + downChecks(body);
        return Observation.unhealthy(condition, detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail);
    }

    /** ": outbox DOWN {oldest-age-seconds=600, waiting=3}; ..." for every check that is not UP. */
    private static String downChecks(JsonNode body) {
        List<String> down = new ArrayList<>();
        for (JsonNode check : body.path("checks")) {
            if ("UP".equals(check.path("status").asText())) continue;
            Map<String, Object> data = new TreeMap<>();
            check.path("data").properties().forEach(f -> data.put(f.getKey(), f.getValue().asText()));
            down.add(check.path("name").asText("?") + " " + check.path("status").asText("?")
                    + (data.isEmpty() ? "" : " " + data));
        }
        return down.isEmpty() ? "" : ": " + String.join("; ", down);
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body == null ? "" : body);
        } catch (IOException | RuntimeException e) {
            return json.createObjectNode();
        }
    }
}
