package io.incidentops.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A loopback HTTP server for the load generators' tests: sees each request and its body, answers 200 with {@code answer}. */
final class LoopbackServer implements AutoCloseable {

    private final HttpServer server;

    LoopbackServer(String answer, BiConsumer<HttpExchange, String> seen) throws IOException {
        this(answer, false, seen);
    }

    /** {@code chunked}: the answer goes out in chunked transfer encoding instead of with a length. */
    LoopbackServer(String answer, boolean chunked, BiConsumer<HttpExchange, String> seen) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/hook", exchange -> {
            seen.accept(exchange, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, chunked ? 0 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** {@code /hook} and then {@code rest}. */
    URI uri(String rest) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook" + rest);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
