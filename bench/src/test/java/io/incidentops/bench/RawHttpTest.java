package io.incidentops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/** The load generator's HTTP/1.1 connection against the JDK's HTTP server: what goes on the wire, what comes back. */
class RawHttpTest {

    private static final String ANSWER = "{\"received\":1,\"results\":[{\"outcome\":\"queued\",\"groupKey\":\"g\"}]}";

    @Test
    void sendsMethodPathHeadersAndBodyAndReadsTheAnswerOnOneKeptConnection() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (LoopbackServer server = new LoopbackServer(ANSWER, (exchange, body) -> seen.add(exchange.getRequestMethod()
                + " " + exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization") + " "
                + exchange.getRemoteAddress().getPort() + " " + body));
             RawHttp http = new RawHttp(Duration.ofSeconds(10))) {
            RawHttp.Request request = RawHttp.Request.post(server.uri("?x=1"), Map.of("Authorization", "Bearer k"),
                    "{\"é\":1}", 1);
            for (int n = 0; n < 3; n++) {
                RawHttp.Response r = http.exchange(request);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.body()).isEqualTo(ANSWER);
            }
            assertThat(seen).hasSize(3);
            String port = seen.get(0).split(" ")[4];
            assertThat(seen).allSatisfy(s -> assertThat(s).isEqualTo("POST /hook?x=1 Bearer k " + port + " {\"é\":1}"));
        }
    }

    @Test
    void readsAChunkedAnswer() throws Exception {
        try (LoopbackServer server = new LoopbackServer(ANSWER, true, (exchange, body) -> { });
             RawHttp http = new RawHttp(Duration.ofSeconds(10))) {
            RawHttp.Request request = RawHttp.Request.post(server.uri(""), Map.of(), "{}", 1);
            assertThat(http.exchange(request).body()).isEqualTo(ANSWER);
            assertThat(http.exchange(request).body()).isEqualTo(ANSWER); // the connection is still usable after it
        }
    }

    @Test
    void aRefusedConnectionIsAnIOException() throws Exception {
        LoopbackServer server = new LoopbackServer(ANSWER, (exchange, body) -> { });
        RawHttp.Request request = RawHttp.Request.post(server.uri(""), Map.of(), "{}", 1);
        server.close();
        try (RawHttp http = new RawHttp(Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> http.exchange(request)).isInstanceOf(IOException.class);
        }
    }
}
