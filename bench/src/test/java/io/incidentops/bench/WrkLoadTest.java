package io.incidentops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
/**
 * wrk as the load generator: its figures read into the Java generator's result, its Lua script, and (where
 * /usr/bin/wrk is installed) a real wrk against a loopback server, which must receive exactly the bodies the Java
 * generator writes, each distinct alert once. Counts, never timings.
 */
class WrkLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WORK = Path.of("target", "wrk-test");

    private final Alerts alerts = new Alerts("t1", "b", 5, Instant.parse("2026-01-01T12:00:00Z"));
    private final Queue<String> bodies = new ConcurrentLinkedQueue<>();
    private final Queue<String> authorizations = new ConcurrentLinkedQueue<>();
    private LoopbackServer server;
    private URI uri;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer("{}", (exchange, body) -> {
            bodies.add(body);
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        });
        uri = server.uri("?x=1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void doneFiguresBecomeTheJavaGeneratorsResult() throws Exception {
        HttpLoad.Result r = WrkLoad.result("intake", 8, 50, JSON.readTree("""
                {"durationMicros":5000000,"requests":1000,"bytes":123,
                 "errors":{"connect":0,"read":2,"write":1,"status":10,"timeout":4},
                 "latencyMicros":{"min":100,"mean":2345.6,"max":90000,"p50":2000,"p90":3000,"p99":8000,"p999":20000},
                 "requestsBuilt":1011,"nextAlert":50550}
                """));
        assertThat(r.mode()).isEqualTo(WrkLoad.MODE);
        assertThat(r.requests()).isEqualTo(1003);
        assertThat(r.statuses()).containsExactlyInAnyOrderEntriesOf(Map.of("2xx or 3xx", 990L, "4xx or 5xx", 10L));
        assertThat(r.ok()).isEqualTo(990);
        assertThat(r.alerts()).isEqualTo(49_500);
        assertThat(r.errors()).isEqualTo(7);
        assertThat(r.firstError()).contains("10 answers with status >= 400").contains("read 2").contains("4 timeouts");
        assertThat(r.seconds()).isEqualTo(5.0);
        assertThat(r.requestsPerSecond()).isEqualTo(200.6);
        assertThat(r.alertsPerSecond()).isEqualTo(9900.0);
        assertThat(r.latency()).isEqualTo(new LatencyStats(1000, 2.0, 3.0, 8.0, 20.0, 90.0, 2.35));

        HttpLoad.Result none = WrkLoad.result("intake", 8, 1, JSON.readTree("""
                {"durationMicros":2000000,"requests":0,"errors":{"connect":5,"read":0,"write":0,"status":0,"timeout":0},
                 "latencyMicros":{"min":0,"mean":0,"max":0,"p50":0,"p90":0,"p99":0,"p999":0}}
                """));
        assertThat(none.ok()).isZero();
        assertThat(none.requests()).isEqualTo(5);
        assertThat(none.latency().count()).isZero();
        assertThat(none.latency().p99Ms()).isNull();
    }

    @Test
    void versionWithoutTheCopyright() {
        assertThat(WrkLoad.parseVersion("wrk debian/4.1.0-3+b2 [epoll] Copyright (C) 2012 Will Glozer\nUsage: wrk"))
                .isEqualTo("wrk debian/4.1.0-3+b2 [epoll]");
        assertThat(WrkLoad.parseVersion("")).contains("unknown");
    }

    @Test
    void luaLiteralsKeepEveryByte() {
        assertThat(WrkScript.literal("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(WrkScript.literal(new byte[] {'1', (byte) 0xff, '2', '\n'})).isEqualTo("\"1\\2552\\010\"");
        assertThat(WrkScript.literal("é")).isEqualTo("\"\\195\\169\"");
        String lua = new WrkScript("/hook", Map.of("Authorization", "Bearer k"), 2, 0,
                alerts.template(Alerts.Body.WEBHOOK, 3), Path.of("/tmp/out.json")).lua();
        assertThat(lua).startsWith("-- written by bench/").contains("per = 3, pool = 0, services = 5")
                .contains("[\"Authorization\"] = \"Bearer k\"").contains("NUMBER,").contains("FINGERPRINT,")
                .contains("function request()");
    }

    @Test
    void wrkSendsTheJavaBodiesAndNeverRepeatsAnAlert() throws Exception {
        assumeTrue(WrkLoad.installed(), "/usr/bin/wrk is not installed");
        int per = 3;
        HttpLoad.Result r = WrkLoad.create(WORK).closedLoop("test-distinct", "test", uri,
                Map.of("Authorization", "Bearer k", "Content-Type", "application/json"), 0,
                alerts.template(Alerts.Body.WEBHOOK, per), 4, Duration.ofSeconds(1), Duration.ofSeconds(1));

        assertThat(r.ok()).isPositive().isEqualTo(r.requests());
        assertThat(r.alerts()).isEqualTo(r.ok() * per);
        assertThat(bodies.size()).isGreaterThanOrEqualTo((int) r.requests()); // plus the warm-up's
        Set<Long> firsts = new HashSet<>();
        for (String body : bodies) {
            long first = instance(body);
            assertThat(first % per).isZero();
            assertThat(body).isEqualTo(alerts.webhook(alerts.alerts(first, per)));
            assertThat(firsts.add(first)).as("alert %d sent twice", first).isTrue();
        }
        assertThat(authorizations).containsOnly("Bearer k");
    }

    @Test
    void wrkRepeatsThePoolOnAlertmanagersApi() throws Exception {
        assumeTrue(WrkLoad.installed(), "/usr/bin/wrk is not installed");
        HttpLoad.Result r = WrkLoad.create(WORK).closedLoop("test-pool", "test", uri,
                Map.of("Content-Type", "application/json"), 4, alerts.template(Alerts.Body.ALERTMANAGER_API, 1), 2,
                Duration.ZERO, Duration.ofSeconds(1));

        assertThat(r.ok()).isPositive();
        List<String> pool = List.of(0L, 1L, 2L, 3L).stream().map(n -> alerts.alertmanagerApi(alerts.alerts(n, 1)))
                .toList();
        assertThat(Set.copyOf(bodies)).isEqualTo(Set.copyOf(pool));
    }

    private static long instance(String body) throws Exception {
        String instance = JSON.readTree(body).path("alerts").get(0).path("labels").path("instance").asText();
        return Long.parseLong(instance.substring("i-".length()));
    }
}
