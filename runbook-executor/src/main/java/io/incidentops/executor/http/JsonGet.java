package io.incidentops.executor.http;

import io.incidentops.platform.http.BoundedExchange;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A GET of a JSON document from a peer that may be slow or large (Prometheus, vendors' status pages): one deadline
 * covers the whole exchange, body included ({@link BoundedExchange}), the body is bounded, and nothing is thrown: a
 * failure is an {@link Answer} that says why.
 */
public final class JsonGet {

    /** The status and body, or why there is none ({@code failure} set). */
    public record Answer(int status, byte[] body, String failure) {
        public boolean failed() {
            return failure != null;
        }
    }

    private final HttpClient client;
    private final Duration timeout;
    private final int maxBytes;
    private final String peer;

    /** @param peer how failures name the other side, e.g. "Prometheus" */
    public JsonGet(String peer, Duration timeout, int maxBytes) {
        this.peer = peer;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public CompletableFuture<Answer> get(String url) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).GET()
                    .header("Accept", "application/json").build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Answer(0, null, "invalid " + peer + " URL"));
        }
        return BoundedExchange.send(client, request, timeout, maxBytes)
                .thenApply(response -> new Answer(response.statusCode(), response.body(), null))
                .exceptionally(e -> new Answer(0, null, reason(e)));
    }

    private String reason(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof HttpTimeoutException) {
            return "no answer from " + peer + " within " + timeout.toMillis() + " ms";
        }
        if (cause instanceof ConnectException) return peer + ": connection refused";
        return peer + ": " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }
}
