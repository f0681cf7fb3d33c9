package io.incidentops.cli.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.incidentops.cli.output.Json;
import io.incidentops.cli.support.CliException;
import io.incidentops.cli.support.ExitCodes;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * JSON over HTTP to one service with one credential ({@code Authorization: Bearer ...}). A non-2xx answer becomes a
 * {@link CliException} carrying the service's problem body (title, detail, field errors) and the exit code of its
 * status; an unreachable service becomes {@link ExitCodes#UNAVAILABLE}.
 */
public final class ServiceClient {

    /** Bounds the whole exchange: the JDK's request timeout stops counting once the headers arrive (JDK-8258397). */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER) // a redirect would carry the token elsewhere
            .build();

    private final String service;
    private final String baseUrl;
    private final String credential;

    /**
     * @param service    the service's name in messages ("intake")
     * @param baseUrl    e.g. {@code http://127.0.0.1:8081}, a path prefix allowed
     * @param credential the bearer token or integration key
     */
    public ServiceClient(String service, String baseUrl, String credential) {
        this.service = service;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.credential = credential;
    }

    public JsonNode get(String path, Map<String, String> query) {
        return exchange(request(path + queryString(query)).GET().build());
    }

    public JsonNode get(String path) {
        return get(path, Map.of());
    }

    public JsonNode post(String path, Object body) {
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + body, e);
        }
        return exchange(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    /** One path segment, percent-encoded: an ID from the command line never changes the path. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        URI uri;
        try {
            uri = URI.create(baseUrl + pathAndQuery);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "not a URL for " + service + ": " + baseUrl);
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            throw new CliException(ExitCodes.USAGE, "not an http(s) URL for " + service + ": " + baseUrl);
        }
        return HttpRequest.newBuilder(uri).header("Accept", "application/json")
                .header("Authorization", "Bearer " + credential).timeout(TIMEOUT);
    }

    private JsonNode exchange(HttpRequest request) {
        HttpResponse<String> response = send(request);
        if (response.statusCode() / 100 != 2) {
            throw Problems.failure(service, response.statusCode(), response.body());
        }
        String body = response.body();
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, service + " answered " + response.statusCode()
                    + " with a body that is not JSON (is " + baseUrl + " the " + service + " service?)");
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.UNAVAILABLE, "interrupted while calling " + service);
        } catch (ExecutionException | CompletionException e) {
            throw unreachable(e.getCause() != null ? e.getCause() : e);
        }
    }

    private CliException unreachable(Throwable cause) {
        String why;
        if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
            why = "no answer within " + TIMEOUT.toSeconds() + " s";
        } else if (cause instanceof ConnectException) {
            why = "connection refused";
        } else if (cause instanceof IOException && cause.getMessage() != null) {
            why = cause.getMessage();
        } else {
            why = cause.getClass().getSimpleName();
        }
        return new CliException(ExitCodes.UNAVAILABLE, "cannot reach " + service + " at " + baseUrl + ": " + why, cause);
    }

    private static String queryString(Map<String, String> query) {
        StringJoiner joiner = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                joiner.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return joiner.toString();
    }
}
