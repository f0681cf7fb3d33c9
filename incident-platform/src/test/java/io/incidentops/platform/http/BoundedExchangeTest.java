package io.incidentops.platform.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Against a server that answers its status and headers, sends part of the body and then neither sends the rest nor
 * closes: the JDK client alone waits for that body forever (its request timeout ends at the headers). The JUnit
 * timeouts only guard against a hang; the deadlines are far below them.
 */
class BoundedExchangeTest {

    private static final Duration DEADLINE = Duration.ofMillis(500);

    private final HttpClient client = HttpClient.newHttpClient();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch closedByClient = new CountDownLatch(1);
    private ServerSocket server;
    private Thread serving;

    @BeforeEach
    void startStallingServer() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        serving = new Thread(this::serve, "stalling-server");
        serving.setDaemon(true);
        serving.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        release.countDown();
        server.close();
        serving.join(5000);
    }

    /**
     * Each connection: reads the request head, answers 200 with a promised 1,000-byte body, sends 10 bytes, stalls
     * until the client closes the connection (counted) or the test ends.
     */
    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                readHead(in);
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                        + "{\"part\":1,").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.setSoTimeout(100);
                while (release.getCount() > 0) {
                    try {
                        if (in.read() < 0) {
                            closedByClient.countDown();
                            break;
                        }
                    } catch (SocketTimeoutException stillOpen) {
                        // the client holds the connection: keep stalling
                    }
                }
            } catch (IOException e) {
                if (server.isClosed()) return; // closed by the test
                closedByClient.countDown(); // reset by the client
            }
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) return;
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
    }

    private HttpRequest get() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/stall")).GET().build();
    }

    @Test
    @Timeout(20)
    void aBodyThatStallsEndsInATimeoutAtTheDeadlineAndTheExchangeIsAborted() throws InterruptedException {
        assertThatThrownBy(() -> BoundedExchange.await(client, get(), DEADLINE, 64 * 1024))
                .isInstanceOf(HttpTimeoutException.class)
                .hasMessageContaining("no complete answer within");
        // not left reading in the background: the connection is closed
        assertThat(closedByClient.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @Timeout(20)
    void theAsynchronousFormFailsAtTheDeadlineToo() {
        assertThatThrownBy(() -> BoundedExchange.send(client, get(), DEADLINE, 64 * 1024).join())
                .hasCauseInstanceOf(HttpTimeoutException.class);
    }

    @Test
    @Timeout(20)
    void aStatusOnlyCallReturnsAtTheHeadersWithoutWaitingForTheBody() throws Exception {
        HttpResponse<Void> response = BoundedExchange.status(client, get(), Duration.ofSeconds(10));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    @Timeout(20)
    void aStatusOnlyCallStillTimesOutWhenNoHeadersCome() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            HttpRequest request = HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/silent")).GET().build();
            // the connection is accepted by the kernel's backlog, and nothing ever answers
            assertThatThrownBy(() -> BoundedExchange.status(client, request, DEADLINE))
                    .isInstanceOf(HttpTimeoutException.class);
        }
    }
}
