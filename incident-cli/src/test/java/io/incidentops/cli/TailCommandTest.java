package io.incidentops.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tail} against a small server that streams the console's {@code /events} format: the first connection sends
 * two events and ends, the second (which must carry {@code Last-Event-ID}) sends the rest.
 */
@Timeout(30) // a guard against a hang, not an assertion on time
class TailCommandTest {

    private static final String DECLARED = "{\"id\":\"e1\",\"type\":\"io.incidentops.incident.declared.v1\","
            + "\"incidentId\":\"INC-20261204-001\",\"time\":\"2026-12-04T12:00:01Z\","
            + "\"data\":{\"incidentId\":\"INC-20261204-001\",\"title\":\"Checkout down\",\"severity\":\"P1\","
            + "\"responders\":[\"a\"]}}";
    private static final String ACKNOWLEDGED = "{\"id\":\"e2\",\"type\":\"incident.acknowledged\","
            + "\"incidentId\":\"INC-20261204-001\",\"time\":\"2026-12-04T12:02:00Z\","
            + "\"data\":{\"incidentId\":\"INC-20261204-001\",\"acknowledgedBy\":\"alice\"}}";
    private static final String RESOLVED = "{\"id\":\"e3\",\"type\":\"io.incidentops.incident.resolved.v1\","
            + "\"incidentId\":\"INC-20261204-001\",\"time\":\"2026-12-04T12:30:00Z\","
            + "\"data\":{\"rootCause\":\"bad \\u001b[2Jdeploy\"}}";

    @TempDir
    Path home;

    private HttpServer server;
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile int status = 200;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/events", this::stream);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void stream(HttpExchange exchange) throws IOException {
        requests.add(Map.of(
                "query", String.valueOf(exchange.getRequestURI().getRawQuery()),
                "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                "accept", String.valueOf(exchange.getRequestHeaders().getFirst("Accept")),
                "lastEventId", String.valueOf(exchange.getRequestHeaders().getFirst("Last-Event-ID"))));
        if (status != 200) {
            byte[] problem = ("{\"title\":\"Unauthorized\",\"status\":" + status + ",\"detail\":\"token expired\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(status, problem.length);
            exchange.getResponseBody().write(problem);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream body = exchange.getResponseBody();
        if (connections.incrementAndGet() == 1) {
            send(body, "retry: 20\n\n");
            send(body, "id: e1\nevent: incident.declared\ndata: " + DECLARED + "\n\n");
            send(body, ": keep-alive\n\n");
            send(body, "id: e2\r\nevent: incident.acknowledged\r\ndata: " + ACKNOWLEDGED + "\r\n\r\n");
            exchange.close(); // the connection drops: tail has to come back
        } else {
            send(body, "id: e3\nevent: incident.resolved\ndata: " + RESOLVED + "\n\n");
            // stays open until the client has what it wants and goes
            try {
                body.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                body.flush();
            } finally {
                exchange.close();
            }
        }
    }

    private static void send(OutputStream body, String text) throws IOException {
        body.write(text.getBytes(StandardCharsets.UTF_8));
        body.flush();
    }

    private CliRun tail(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "tail";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(Map.of("CONSOLE_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/",
                "TOKEN", "t0k3n"), home, all);
    }

    @Test
    void printsOneLinePerEventAndReconnectsWithTheLastEventId() {
        CliRun run = tail("--incident", "INC-20261204-001", "--limit", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "2026-12-04 12:00:01Z  INC-20261204-001  incident.declared  title=Checkout down severity=P1",
                "2026-12-04 12:02:00Z  INC-20261204-001  incident.acknowledged  acknowledgedBy=alice",
                "2026-12-04 12:30:00Z  INC-20261204-001  incident.resolved  rootCause=bad  [2Jdeploy");
        assertThat(requests).hasSize(2);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.get("query")).isEqualTo("incident=INC-20261204-001");
            assertThat(r.get("authorization")).isEqualTo("Bearer t0k3n");
            assertThat(r.get("accept")).isEqualTo("text/event-stream");
        });
        assertThat(requests.get(0).get("lastEventId")).isEqualTo("null");
        assertThat(requests.get(1).get("lastEventId")).isEqualTo("e2");
        assertThat(run.err()).contains("the stream ended; reconnecting in 20 ms", "reconnected");
    }

    @Test
    void jsonPrintsEachEventsDataAsOneLine() {
        CliRun run = tail("--json", "--limit", "2");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly(DECLARED, ACKNOWLEDGED);
        assertThat(requests.get(0).get("query")).isEqualTo("null");
    }

    @Test
    void aRefusedTokenEndsTailWithTheAuthExitCode() {
        status = 401;

        CliRun run = tail();

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("console answered 401 Unauthorized: token expired");
        assertThat(requests).hasSize(1);
    }

    @Test
    void withoutConsoleUrlItSaysWhereToSetIt() {
        CliRun run = CliRun.run(Map.of("TOKEN", "t"), home, "tail");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no CONSOLE_URL configured", "--console-url");
    }
}
