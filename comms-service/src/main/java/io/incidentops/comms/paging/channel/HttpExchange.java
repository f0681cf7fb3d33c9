package io.incidentops.comms.paging.channel;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.comms.config.CommsConfig;
import io.incidentops.platform.http.BoundedExchange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * One HTTP exchange with a provider, bounded as a whole ({@link BoundedExchange}: the deadline covers the body too),
 * the body read up to {@link #MAX_BODY} bytes
 * (a provider's answer is a small JSON document; anything larger is refused, not buffered). Redirects are not
 * followed: a provider's URL is the one configured.
 */
@ApplicationScoped
public class HttpExchange {

    /** Bytes of an answer read at most. */
    static final int MAX_BODY = 64 * 1024;

    /** A provider's answer. {@code retryAfter} is its Retry-After in seconds, null when absent or a date. */
    public record Answer(int status, String body, Duration retryAfter) {
        /**
         * A text field of a JSON answer (a message id), null when the answer has none or is not JSON: an accepted
         * message stays accepted whatever else its answer says, so it is never sent again for a bad answer.
         */
        public String field(ObjectMapper json, String name) {
            try {
                return json.readTree(body).path(name).asText(null);
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** 408, 429 and 5xx: the provider may take it later. */
        public boolean retryable() {
            return status == 408 || status == 429 || status >= 500;
        }
    }

    @Inject
    CommsConfig config;

    private volatile HttpClient http;

    /** @throws IOException on a refused connection, a timeout of the whole exchange, or an oversized answer */
    public Answer send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<byte[]> response = BoundedExchange.await(client(), request.build(),
                    config.channels().timeout(), MAX_BODY);
            return new Answer(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8),
                    response.headers().firstValue("Retry-After").flatMap(HttpExchange::seconds).orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private static Optional<Duration> seconds(String value) {
        try {
            long s = Long.parseLong(value.trim());
            return s >= 0 ? Optional.of(Duration.ofSeconds(s)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private HttpClient client() {
        if (http == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder()
                            .connectTimeout(config.channels().timeout())
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                }
            }
        }
        return http;
    }
}
