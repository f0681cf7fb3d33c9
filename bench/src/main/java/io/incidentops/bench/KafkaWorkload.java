package io.incidentops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import io.incidentops.events.Topics;

/**
 * (d) the {@code alerts} topic: Kafka's own producer benchmark ({@code ProducerPerformance}, 1 KB records, producer
 * defaults) on the stack's broker, then how fast intake drains a backlog of 1 KB Alertmanager-format records pre-filled
 * on {@code alerts}: distinct alerts, then the same {@code --dedup-alerts} alerts repeated. Drained means intake's
 * consumer group has committed every offset (Admin API); intake's own alert counter (source {@code kafka}) times it
 * more finely, as offsets are committed every few seconds.
 */
final class KafkaWorkload {

    static final int RECORD_SIZE = 1024;
    /** As many partitions as the stack's own topics (the local broker's default), {@code alerts} among them. */
    static final int PERF_PARTITIONS = 3;
    /** The last line ProducerPerformance prints: totals and percentiles. */
    private static final Pattern PERF_SUMMARY = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec "
            + "\\(([0-9.]+) MB/sec\\), ([0-9.]+) ms avg latency, ([0-9.]+) ms max latency, (\\d+) ms 50th, "
            + "(\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th");

    private final Ctx ctx;

    KafkaWorkload(Ctx ctx) {
        this.ctx = ctx;
    }

    void run() throws Exception {
        Options o = ctx.options;
        System.out.printf("%n[bench] (d) alerts topic: ProducerPerformance (%,d records), then backlogs of %,d records%n",
                o.perfRecords(), o.kafkaBacklog());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("recordBytes", RECORD_SIZE);
        ctx.settle("(d) ProducerPerformance");
        Map<String, Object> perf = producerPerformance();
        result.put("kafkaProducerPerformance", perf);
        Map<String, Object> distinct = drain(false);
        result.put("intakeDistinct", distinct);
        Map<String, Object> repeats = drain(true);
        result.put("intakeRepeats", repeats);
        ctx.report.workload("d", result);

        Double kafkaRate = perf.get("recordsPerSecond") instanceof Double d ? d : null;
        long sent = perf.get("records") instanceof Long n ? n : 0;
        if (kafkaRate != null && sent < o.perfRecords()) {
            // records that timed out make its rate a figure of the failure, not of the broker: no ratio against it
            ctx.report.note(String.format("(d) Kafka's producer benchmark delivered %,d of %,d records (max latency %s ms):"
                    + " its rate (%s/s) is no reference; see producer-performance.log", sent, o.perfRecords(),
                    perf.get("maxLatencyMs"), Report.num(kafkaRate)));
            kafkaRate = null;
        }
        row("distinct alerts", distinct, kafkaRate);
        row("the same " + o.dedupAlerts() + " alerts repeated", repeats, kafkaRate);
    }

    private void row(String what, Map<String, Object> r, Double kafkaRate) {
        Report report = ctx.report;
        if (r.containsKey("error")) {
            report.row("(d)", "intake drain, " + what, "failed: " + r.get("error"), null, null, null, null);
            return;
        }
        double rate = (Double) r.get("intakeRecordsPerSecond");
        report.row("(d)", "intake drain, " + what + ", records/s (vs Kafka's producer)", Report.num(rate),
                kafkaRate == null ? "n/a" : Report.num(kafkaRate),
                kafkaRate == null ? null : Report.ratio(rate, kafkaRate), ">= 0.5x Kafka's producer rate",
                kafkaRate == null ? null : Report.met(rate >= 0.5 * kafkaRate));
        String drain = Boolean.TRUE.equals(r.get("drained"))
                ? String.format("%,d in %s s", (Integer) r.get("records"), r.get("drainSeconds"))
                : String.format("not drained: %,d of %,d in %s s", (Long) r.get("processed"), (Integer) r.get("records"),
                        r.get("waitedSeconds"));
        report.row("(d)", "intake drain, " + what + ": backlog drained", drain, null, null, null, null);
    }

    /** Kafka's own producer benchmark on the stack's broker, 1 KB records, default producer settings. */
    private Map<String, Object> producerPerformance() throws IOException, InterruptedException {
        Map<String, Object> m = new LinkedHashMap<>();
        String topic = "bench-producer-performance-" + ctx.runTag;
        Path log = ctx.workDir().resolve("producer-performance.log");
        Files.createDirectories(ctx.workDir().resolve("tmp"));
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Djava.io.tmpdir=" + ctx.workDir().resolve("tmp"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic", topic, "--num-records", String.valueOf(ctx.options.perfRecords()),
                "--record-size", String.valueOf(RECORD_SIZE), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + ctx.kafkaBootstrap));
        m.put("command", "org.apache.kafka.tools.ProducerPerformance --topic " + topic + " --num-records "
                + ctx.options.perfRecords() + " --record-size " + RECORD_SIZE
                + " --throughput -1 --producer-props bootstrap.servers=<stack>");
        try {
            ctx.kafka.createTopic(topic, PERF_PARTITIONS);
        } catch (Exception e) {
            m.put("error", "could not create " + topic + ": " + e);
            return m;
        }
        Process p = Procs.start(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()));
        try {
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                m.put("error", "did not finish in 600 s; see " + log);
                return m;
            }
            m.putAll(parsePerf(Files.readString(log)));
            if (!m.containsKey("recordsPerSecond")) {
                m.put("error", "exit " + p.exitValue() + ", no summary line; see " + log);
            }
        } finally {
            Procs.stop(p);
            ctx.kafka.deleteTopic(topic);
        }
        return m;
    }

    static Map<String, Object> parsePerf(String output) {
        Map<String, Object> m = new LinkedHashMap<>();
        Matcher x = PERF_SUMMARY.matcher(output);
        while (x.find()) {
            m.put("records", Long.parseLong(x.group(1)));
            m.put("recordsPerSecond", Double.parseDouble(x.group(2)));
            m.put("mbPerSecond", Double.parseDouble(x.group(3)));
            m.put("avgLatencyMs", Double.parseDouble(x.group(4)));
            m.put("maxLatencyMs", Double.parseDouble(x.group(5)));
            m.put("p50Ms", Long.parseLong(x.group(6)));
            m.put("p95Ms", Long.parseLong(x.group(7)));
            m.put("p99Ms", Long.parseLong(x.group(8)));
            m.put("p999Ms", Long.parseLong(x.group(9)));
        }
        return m;
    }

    /** Pre-fills {@code alerts} with the backlog and times intake draining it. */
    private Map<String, Object> drain(boolean repeats) throws Exception {
        Options o = ctx.options;
        String name = repeats ? "repeats" : "distinct";
        ctx.settle("(d) " + name);
        Map<String, Object> m = new LinkedHashMap<>();
        int n = o.kafkaBacklog();
        m.put("records", n);
        Alerts alerts = new Alerts(ctx.runTag, repeats ? "dr" : "dd", o.services(), Instant.now());
        // rendered before the clock starts: the producer's pace must not depend on building the records
        List<String> keys = new ArrayList<>(n);
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Alerts.Alert a = alerts.alert(repeats ? i % o.dedupAlerts() : i);
            keys.add(a.fingerprint());
            values.add(alerts.paddedRecord(a, RECORD_SIZE));
        }
        Optional<Long> counterBefore = ctx.alertsCounted("kafka");
        ProcWatch watch = ctx.watchIntake();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ctx.kafkaBootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "incidentops-bench");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        // a backlog is what piles up while intake does not read: its JVM is frozen (SIGSTOP) while the records are
        // produced, far shorter than its consumer's session timeout, and the drain is timed from its resume
        Thread thaw = new Thread(() -> signalQuietly(ctx.intakePid, "CONT"), "bench-thaw-intake"); // on Ctrl-C
        boolean frozen = ctx.intakePid != null && signal(ctx.intakePid, "STOP");
        if (frozen) {
            Runtime.getRuntime().addShutdownHook(thaw);
        }
        m.put("intakeFrozenWhileFilling", frozen);
        long t0 = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(Topics.ALERTS, keys.get(i), values.get(i)), (md, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                    }
                });
            }
            producer.flush();
        } finally {
            if (frozen) {
                signal(ctx.intakePid, "CONT");
                Runtime.getRuntime().removeShutdownHook(thaw);
            }
        }
        long produced = System.nanoTime();
        m.put("benchProducerSeconds", secs(produced - t0));
        m.put("benchProducerRecordsPerSecond", HttpLoad.round(n / ((produced - t0) / 1e9), 0));
        if (failed.get() > 0) {
            m.put("produceFailures", failed.get());
            m.put("firstProduceFailure", firstFailure.get());
        }
        if (frozen) {
            t0 = produced;
        } else {
            ctx.report.note("(d) " + name + ": intake's pid is unknown, so it read the backlog while it was produced; "
                    + "the drain time includes the production");
        }
        watch.start();
        Map<TopicPartition, Long> ends = ctx.kafka.endOffsets(Topics.ALERTS);
        long deadline = t0 + TimeUnit.SECONDS.toNanos(o.kafkaDrainSeconds());
        long processedAt = 0;
        long drainedAt = 0;
        long processed = 0;
        long lag = -1;
        boolean counterSeen = false;
        while (System.nanoTime() < deadline) {
            Optional<Long> counter = ctx.alertsCounted("kafka");
            if (counter.isPresent()) {
                // absent before: intake had not counted any alert yet (the counter appears with the first)
                counterSeen = true;
                processed = counter.get() - counterBefore.orElse(0L);
                if (processed >= n && processedAt == 0) {
                    processedAt = System.nanoTime();
                }
            }
            lag = ctx.kafka.lag(KafkaOps.INTAKE_GROUP, Topics.ALERTS, ends);
            if (lag == 0) {
                drainedAt = System.nanoTime();
                break;
            }
            Thread.sleep(200);
        }
        long stopped = System.nanoTime();
        m.put("intakeProcess", watch.stop());
        if (!counterSeen) {
            processed = n - Math.max(0, lag);
            m.put("processedFrom", "committed offsets (intake's alert counter not found in /q/metrics)");
        } else {
            m.put("processedFrom", "intake's incidentops_intake_alerts_total{source=\"kafka\"}");
        }
        m.put("processed", processed);
        boolean drained = drainedAt > 0;
        m.put("drained", drained);
        if (drained) {
            long done = processedAt > 0 ? processedAt : drainedAt;
            m.put("drainSeconds", secs(done - t0));
            m.put("offsetsCommittedSeconds", secs(drainedAt - t0));
            m.put("intakeRecordsPerSecond", HttpLoad.round(n / ((done - t0) / 1e9), 1));
        } else {
            m.put("waitedSeconds", secs(stopped - t0));
            m.put("lagLeft", lag);
            m.put("intakeRecordsPerSecond", HttpLoad.round(processed / ((stopped - t0) / 1e9), 1));
            // the rest would run into the next workloads: drop it from the topic
            ctx.kafka.deleteUpTo(ends);
            ctx.report.note(String.format("(d) %s: intake processed %,d of %,d records in %s s; the %,d left were "
                    + "deleted from the topic (intake's consumer skips to the new start)", name, processed, n,
                    secs(stopped - t0), Math.max(0, n - processed)));
            awaitQuiet(name);
        }
        return m;
    }

    /**
     * Intake still processes the records it fetched before the rest were deleted; waits (at most
     * {@code --settle-seconds}) until its alert counter stands still for 3 s, so they are not counted in what follows.
     */
    private void awaitQuiet(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ctx.options.settleSeconds());
        Optional<Long> last = ctx.alertsCounted("kafka");
        long stillSince = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - stillSince < TimeUnit.SECONDS.toNanos(3)) {
            Thread.sleep(500);
            Optional<Long> now = ctx.alertsCounted("kafka");
            if (!now.equals(last)) {
                last = now;
                stillSince = System.nanoTime();
            }
        }
        if (System.nanoTime() >= deadline) {
            ctx.report.note("(d) " + name + ": intake was still processing records fetched before the deletion after "
                    + ctx.options.settleSeconds() + " s");
        }
    }

    /** {@code kill -SIGNAL pid}; false when it could not be sent. */
    private static boolean signal(long pid, String signal) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void signalQuietly(Long pid, String signal) {
        try {
            signal(pid, signal);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double secs(long nanos) {
        return HttpLoad.round(nanos / 1e9, 2);
    }
}
