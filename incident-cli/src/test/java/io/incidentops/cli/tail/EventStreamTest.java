package io.incidentops.cli.tail;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A connection that goes silent (no event, no keep-alive) is given up after the idle timeout and made again. */
@Timeout(30) // a guard against a hang, not an assertion on time
class EventStreamTest {

    private HttpServer server;
    private ExecutorService handlers;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> lastEventIds = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        handlers = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers); // the silent connection holds its thread
        server.createContext("/events", this::stream);
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    private void stream(HttpExchange exchange) throws IOException {
        lastEventIds.add(String.valueOf(exchange.getRequestHeaders().getFirst("Last-Event-ID")));
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        int n = connections.incrementAndGet();
        body.write(("retry: 10\nid: e" + n + "\ndata: {\"n\":" + n + "}\n\n").getBytes(StandardCharsets.UTF_8));
        body.flush();
        try {
            release.await(); // then silence, with the connection open, as a half-dead network path looks
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    @Test
    void aSilentConnectionIsReplaced() {
        StringWriter err = new StringWriter();
        List<ServerSentEvent> events = new CopyOnWriteArrayList<>();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");

        new EventStream(uri, "t", new PrintWriter(err, true), Duration.ofMillis(300)).follow(events::add, 2);

        assertThat(events).extracting(ServerSentEvent::data).containsExactly("{\"n\":1}", "{\"n\":2}");
        assertThat(lastEventIds).containsExactly("null", "e1");
        assertThat(err.toString()).contains("reconnecting in 10 ms");
    }
}
