package io.incidentops.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator's bookkeeping against a loopback server that answers like intake. Counts, never timings. */
class HttpLoadTest {

    private LoopbackServer server;
    private URI uri;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer("{\"received\":1,\"results\":[{\"incidentId\":\"INC-1\",\"outcome\":\"declared\"}]}",
                (exchange, body) -> { });
        uri = server.uri("");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawHttp.Request shot() {
        return RawHttp.Request.post(uri, Map.of("Content-Type", "application/json"), "{}", 2);
    }

    @Test
    void closedLoopStopsWhenTheMakerRunsOut() throws Exception {
        IntakeAnswers answers = new IntakeAnswers();
        HttpLoad.Result r = new HttpLoad().closedLoop("t", seq -> seq < 25 ? shot() : null, 4,
                Duration.ZERO, Duration.ofSeconds(60), false, answers);
        assertThat(r.requests()).isEqualTo(25);
        assertThat(r.statuses()).containsEntry("200", 25L);
        assertThat(r.ok()).isEqualTo(25);
        assertThat(r.alerts()).isEqualTo(50);
        assertThat(r.errors()).isZero();
        assertThat(r.latency().count()).isEqualTo(25);
        assertThat(answers.count("declared")).isEqualTo(25);
        assertThat(answers.summary()).containsEntry("incidentsNamed", 1L);
    }

    @Test
    void openLoopSendsOrAccountsForEveryDueRequest() throws Exception {
        HttpLoad.Result r = new HttpLoad().openLoop("t", seq -> shot(), 3, 100,
                Duration.ofMillis(500), Duration.ofSeconds(30), null);
        assertThat(r.intended()).isEqualTo(50);
        assertThat(r.requests() + r.unsent()).isEqualTo(50);
        assertThat(r.latency().count()).isEqualTo(50);
    }

    @Test
    void noAnswerIsAnErrorNotAHang() throws Exception {
        server.close();
        HttpLoad.Result r = new HttpLoad().closedLoop("t", seq -> seq < 3 ? shot() : null, 1,
                Duration.ZERO, Duration.ofSeconds(60), false, null);
        assertThat(r.errors()).isEqualTo(3);
        assertThat(r.ok()).isZero();
        assertThat(r.firstError()).contains("Connect");
    }
}
