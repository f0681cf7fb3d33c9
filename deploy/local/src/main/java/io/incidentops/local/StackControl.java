package io.incidentops.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The launcher's control channel: {@code POST /restart/<name>} on a free loopback port restarts one process of the
 * stack (a service replica, {@code kafka} or {@code postgres}) and answers once it is ready. Its URL and a random token
 * (header {@value #TOKEN_HEADER}) are in {@code target/stack.control} (owner-only), which {@code stack.sh restart}
 * reads. Killing and freezing need no launcher: {@code stack.sh} signals the pids in {@link ProcessTable} itself.
 * Restarts run one at a time.
 */
final class StackControl implements AutoCloseable {

    static final String TOKEN_HEADER = "X-Stack-Token";

    /** Restarts the named process; returns a line for the caller, throws {@link NoSuchElementException} if unknown. */
    @FunctionalInterface
    interface Restarter {
        String restart(String name) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Path file;

    private StackControl(HttpServer server, ExecutorService executor, Path file) {
        this.server = server;
        this.executor = executor;
        this.file = file;
    }

    static StackControl start(Path file, Restarter restarter) throws IOException {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String token = HexFormat.of().formatHex(random);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "incidentops-stack-control");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/restart/", exchange -> handle(exchange, token, restarter));
        server.start();
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "CONTROL_URL=http://127.0.0.1:" + server.getAddress().getPort() + "\nCONTROL_TOKEN="
                + token + "\n");
        return new StackControl(server, executor, file);
    }

    private static void handle(HttpExchange exchange, String token, Restarter restarter) throws IOException {
        try (exchange) {
            if (!token.equals(exchange.getRequestHeaders().getFirst(TOKEN_HEADER))) {
                reply(exchange, 403, "missing or wrong " + TOKEN_HEADER);
            } else if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, "POST only");
            } else {
                String name = exchange.getRequestURI().getPath().substring("/restart/".length());
                try {
                    reply(exchange, 200, restarter.restart(name));
                } catch (NoSuchElementException e) {
                    reply(exchange, 404, e.getMessage());
                } catch (Exception e) {
                    reply(exchange, 500, "restarting " + name + " failed: " + e.getMessage());
                }
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort
        }
    }
}
