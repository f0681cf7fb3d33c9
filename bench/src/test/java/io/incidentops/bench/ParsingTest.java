package io.incidentops.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What the benchmark reads from other programs: stack.env, pg_test_fsync, ProducerPerformance, /q/metrics. */
class ParsingTest {

    @Test
    void stackEnvUndoesTheStacksShellQuoting() {
        StackEnv env = StackEnv.parse("""
                # IncidentOps local stack
                INTAKE_URL=http://127.0.0.1:8081
                REPORTS_DIR='/path with space/reports'
                ODD='it'"'"'s'
                EMPTY=
                """);
        assertThat(env.require("INTAKE_URL")).isEqualTo("http://127.0.0.1:8081");
        assertThat(env.require("REPORTS_DIR")).isEqualTo("/path with space/reports");
        assertThat(env.require("ODD")).isEqualTo("it's");
        assertThat(env.get("EMPTY")).isEmpty();
        assertThatThrownBy(() -> env.require("ADMIN_TOKEN")).hasMessageContaining("ADMIN_TOKEN");
    }

    @Test
    void pgTestFsyncOneWriteSection() {
        Map<String, Object> m = Fsync.parse("""
                1 second per test
                O_DIRECT supported on this platform for open_datasync and open_sync.

                Compare file sync methods using one 8kB write:
                (in wal_sync_method preference order, except fdatasync is Linux's default)
                        open_datasync                       814.484 ops/sec    1228 usecs/op
                        fdatasync                           725.903 ops/sec    1378 usecs/op
                        fsync                               830.709 ops/sec    1204 usecs/op
                        fsync_writethrough                              n/a
                        open_sync                          1677.889 ops/sec     596 usecs/op

                Compare file sync methods using two 8kB writes:
                        fdatasync                           997.838 ops/sec    1002 usecs/op
                """);
        assertThat(m).containsEntry("fdatasyncMicros", 1378L).containsEntry("fdatasyncOpsPerSecond", 725.903);
        assertThat((List<?>) m.get("oneWriteSync")).hasSize(4);
        assertThat(Fsync.parse("garbage")).containsKey("skipped");
    }

    @Test
    void producerPerformanceSummaryLine() {
        Map<String, Object> m = KafkaWorkload.parsePerf("""
                381025 records sent, 76174.9 records/sec (74.39 MB/sec), 366.2 ms avg latency, 725.0 ms max latency.
                500000 records sent, 75987.841945 records/sec (74.21 MB/sec), 362.95 ms avg latency, 812.00 ms max latency, 349 ms 50th, 602 ms 95th, 705 ms 99th, 790 ms 99.9th.
                """);
        assertThat(m).containsEntry("records", 500000L).containsEntry("recordsPerSecond", 75987.841945)
                .containsEntry("p99Ms", 705L);
        assertThat(KafkaWorkload.parsePerf("Exception in thread main")).isEmpty();
    }

    @Test // a sampled trace adds an exemplar after the value: its timestamp once counted as ~1.8 billion alerts
    void intakeAlertCounterFromPrometheusText() {
        String metrics = """
                # TYPE incidentops_intake_alerts_total counter
                incidentops_intake_alerts_total{outcome="declared",source="kafka"} 3.0
                incidentops_intake_alerts_total{outcome="attached",source="kafka"} 1200.0 # {span_id="00f067aa0ba902b7",trace_id="4bf92f3577b34da6a3ce929d0e0e4736"} 1.0 1796129783.123
                incidentops_intake_alerts_total{outcome="declared",source="alertmanager"} 7.0
                """;
        assertThat(Ctx.parseCounter(metrics, "incidentops_intake_alerts_total", "source=\"kafka\"", "outcome"))
                .contains(Map.of("declared", 3L, "attached", 1200L));
        assertThat(Ctx.parseCounter(metrics, "incidentops_intake_alerts_total", "source=\"grafana\"", "outcome"))
                .contains(Map.of());
        assertThat(Ctx.parseCounter("# nothing yet\n", "incidentops_intake_alerts_total", "source=\"kafka\"",
                "outcome")).isEmpty();
    }

    @Test
    void options() {
        Options o = Options.parse(new String[] {"--repo-root", "/repo", "--seconds", "5", "--only", "a,c",
                "--no-alertmanager"});
        assertThat(o.seconds()).isEqualTo(5);
        assertThat(o.runs('a')).isTrue();
        assertThat(o.runs('b')).isFalse();
        assertThat(o.alertmanager()).isFalse();
        assertThat(o.envFile()).isEqualTo(Path.of("/repo/deploy/local/target/stack.env"));
        assertThat(o.kafkaDrainSeconds()).isEqualTo(30);
        assertThat(o.perfRecords()).isEqualTo(125_000);
        assertThat(o.load()).isEqualTo(Options.Load.AUTO);
        assertThat(Options.parse(new String[] {"--load", "java"}).load()).isEqualTo(Options.Load.JAVA);
        assertThatThrownBy(() -> Options.parse(new String[] {"--load", "ab"})).hasMessageContaining("--load");
        assertThat(Options.parse(new String[] {"--repo-root", "/repo"}).only()).hasSize(6);
        assertThatThrownBy(() -> Options.parse(new String[] {"--only", "x"})).hasMessageContaining("'x'");
        assertThatThrownBy(() -> Options.parse(new String[] {"--bogus", "1"})).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> Options.parse(new String[] {"--seconds", "0"})).hasMessageContaining("--seconds");
    }
}
