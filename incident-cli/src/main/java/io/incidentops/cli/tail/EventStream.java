package io.incidentops.cli.tail;

import io.incidentops.cli.http.Problems;
import io.incidentops.cli.support.CliException;
import io.incidentops.cli.support.ExitCodes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Follows a server-sent event stream and never gives up on a lost connection: it reconnects with
 * {@code Last-Event-ID} (the server may replay what was missed), after the server's {@code retry:} delay, doubling it
 * on each failure in a row up to {@link #MAX_DELAY}. A stream silent for longer than the idle timeout (the console
 * sends a keep-alive every 15 s) counts as lost. Refusals (401, 403, 404) end it: retrying would not help.
 */
final class EventStream {

    static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

    private final URI uri;
    private final String token;
    private final PrintWriter err;
    private final Duration idleTimeout;
    private long delayMillis = 1000;
    private String lastEventId;

    EventStream(URI uri, String token, PrintWriter err, Duration idleTimeout) {
        this.uri = uri;
        this.token = token;
        this.err = err;
        this.idleTimeout = idleTimeout;
    }

    /** Hands each event to {@code onEvent} until {@code limit} events (0: no limit) or the thread is interrupted. */
    void follow(Consumer<ServerSentEvent> onEvent, long limit) {
        long delivered = 0;
        int failures = 0;
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tail-idle-watchdog");
            t.setDaemon(true);
            return t;
        });
        try {
            while (!Thread.currentThread().isInterrupted()) {
                String lost;
                try (InputStream body = connect()) {
                    if (failures > 0) {
                        err.println("tail: reconnected to " + uri.getHost() + ":" + uri.getPort());
                        err.flush();
                    }
                    failures = 0;
                    AtomicLong lastActivity = new AtomicLong(System.nanoTime());
                    var check = watchdog.scheduleAtFixedRate(() -> closeIfIdle(body, lastActivity),
                            idleTimeout.toMillis() / 4, idleTimeout.toMillis() / 4, TimeUnit.MILLISECONDS);
                    try {
                        SseReader reader = new SseReader(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)),
                                () -> lastActivity.set(System.nanoTime()));
                        ServerSentEvent event;
                        while ((event = reader.next()) != null) {
                            if (event.id() != null) {
                                lastEventId = event.id();
                            }
                            reader.retryMillis().ifPresent(ms -> delayMillis = ms);
                            onEvent.accept(event);
                            if (limit > 0 && ++delivered >= limit) {
                                return;
                            }
                        }
                        reader.retryMillis().ifPresent(ms -> delayMillis = ms);
                        lost = "the stream ended";
                    } finally {
                        check.cancel(false);
                    }
                } catch (IOException e) {
                    lost = "connection lost (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
                } catch (Unavailable e) {
                    lost = e.getMessage();
                }
                failures++;
                long wait = Math.min(MAX_DELAY.toMillis(), delayMillis << Math.min(failures - 1, 16));
                err.println("tail: " + lost + "; reconnecting in " + wait + " ms");
                err.flush();
                Thread.sleep(wait); // a backoff between reconnections, not a wait for a result
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            watchdog.shutdownNow();
        }
    }

    /** Opens the stream: its body, or {@link Unavailable} (retry) or a {@link CliException} (give up). */
    private InputStream connect() throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET()
                .header("Accept", "text/event-stream")
                .header("Cache-Control", "no-cache")
                .header("Authorization", "Bearer " + token);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        if (status == 200) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("text/event-stream")) {
                response.body().close();
                throw new CliException(ExitCodes.USAGE, uri + " is not an event stream (" + type + "): is CONSOLE_URL the console?");
            }
            return response.body();
        }
        String body;
        try (InputStream in = response.body()) {
            body = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        }
        if (status >= 500) {
            throw new Unavailable("the console answered " + status);
        }
        if (status / 100 == 3) {
            throw new CliException(ExitCodes.AUTH, "the console redirected to "
                    + response.headers().firstValue("Location").orElse("?") + " (sign-in?): the token was not accepted");
        }
        throw Problems.failure("console", status, body);
    }

    private void closeIfIdle(InputStream body, AtomicLong lastActivity) {
        if (System.nanoTime() - lastActivity.get() > idleTimeout.toNanos()) {
            try {
                body.close(); // wakes the reader with an end of stream: reconnect
            } catch (IOException e) {
                // already closed
            }
        }
    }

    /** A failure worth retrying. */
    private static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message);
        }
    }
}
