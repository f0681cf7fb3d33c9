package io.incidentops.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bench/run.sh}: the figures of issue #7 against a running local stack, written to {@code bench/results/}.
 * See bench/README.md.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        int code;
        try {
            code = run(options);
        } catch (Exception e) {
            System.err.println("[bench] FAILED: " + e);
            e.printStackTrace();
            code = 1;
        } finally {
            Procs.stopAll();
        }
        System.exit(code);
    }

    static int run(Options o) throws Exception {
        if (!Files.isRegularFile(o.envFile())) {
            System.err.println("[bench] " + o.envFile() + " not found: start the stack first "
                    + "(deploy/local/stack.sh start --detach)");
            return 2;
        }
        StackEnv env = StackEnv.load(o.envFile());
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String runTag = Long.toString(Math.abs(new Random().nextLong()) % 46_656L + 46_656L, 36); // 4 chars
        Report report = new Report();
        report.put("benchmark", "IncidentOps issue #7 benchmark (bench/run.sh)");
        report.put("startedAt", started.toString());
        report.put("runTag", runTag);
        Map<String, Object> commit = Machine.commit(o.repoRoot());
        report.put("commit", commit);
        report.put("machine", Machine.describe());
        report.put("options", o.describe());
        Files.createDirectories(o.workDir());

        Ctx ctx = new Ctx(o, env, report, runTag);
        String name = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(started)
                + "-" + commit.get("short") + (Boolean.TRUE.equals(commit.get("dirty")) ? "-dirty" : "");
        AtomicBoolean written = new AtomicBoolean();
        Thread onInterrupt = new Thread(() -> {
            // Ctrl-C: keep the figures of the workloads that finished
            if (written.compareAndSet(false, true)) {
                report.note("interrupted: only the workloads that finished are here");
                report.put("finishedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
                try {
                    System.out.println("\n[bench] interrupted; wrote " + report.write(o.resultsDir(), name));
                } catch (Exception e) {
                    System.err.println("[bench] could not write the results: " + e);
                }
            }
        }, "bench-write-partial-results");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        int code = 0;
        try {
            Map<String, Object> stack = report.section("stack");
            stack.put("intakeUrl", ctx.intake.toString());
            stack.put("kafka", ctx.kafkaBootstrap);
            stack.put("dbDurability", env.get("DB_DURABILITY")
                    .orElse("not stated (a stack from before durable-by-default)"));
            stack.put("postgres", postgresSettings(ctx));
            stack.put("intakePid", ctx.intakePid);
            if (ctx.intakePid == null) {
                report.skip("intake's RSS and CPU: its pid is not in stack.env (INTAKE_PID) and no child of STACK_PID "
                        + "runs incident-intake");
            }
            System.out.printf("[bench] run %s on %s (%s), stack PostgreSQL %s%n", runTag, commit.get("short"),
                    commit.get("subject"), stack.get("postgres"));

            if (o.fsyncTest()) {
                System.out.println("[bench] measuring the disk's fsync time (pg_test_fsync, ~15 s)…");
                Map<String, Object> fsync = Fsync.measure(o.resultsDir());
                report.put("fsync", fsync);
                if (fsync.containsKey("skipped")) {
                    report.skip("fsync time: " + fsync.get("skipped"));
                } else {
                    System.out.printf("[bench] fdatasync of 8 kB: %s µs%n", fsync.get("fdatasyncMicros"));
                }
            } else {
                report.put("fsync", Map.of("skipped", "--no-fsync-test"));
                report.skip("fsync time (--no-fsync-test)");
            }

            AlertmanagerPeer alertmanager = null;
            boolean webhooks = o.runs('a') || o.runs('b') || o.runs('c');
            WrkLoad wrk = webhooks ? loadGenerator(o, report) : null;
            if (webhooks) {
                if (!o.alertmanager()) {
                    report.skip("Alertmanager side by side (--no-alertmanager)");
                } else if (!AlertmanagerPeer.installed()) {
                    report.skip("Alertmanager side by side: " + AlertmanagerPeer.BINARY
                            + " not installed (apt-get install prometheus-alertmanager)");
                } else {
                    alertmanager = AlertmanagerPeer.start(o.workDir());
                    report.put("alertmanager", Map.of("version", alertmanager.version(),
                            "api", alertmanager.alertsUri().toString()));
                    System.out.println("[bench] " + alertmanager.version() + " on " + alertmanager.alertsUri());
                }
            }
            try {
                WebhookWorkloads hooks = new WebhookWorkloads(ctx, alertmanager, wrk);
                for (char w : new char[] {'a', 'b', 'c'}) {
                    if (o.runs(w)) {
                        hooks.run(w);
                    }
                }
            } finally {
                if (alertmanager != null) {
                    alertmanager.close();
                }
            }
            if (o.runs('d')) {
                new KafkaWorkload(ctx).run();
            }
            if (o.runs('e')) {
                report.section("loadGenerators").put("(e)", "Java, blocking keep-alive sockets, open loop (bench/ HttpLoad)");
                new SteadyRateWorkload(ctx).run();
            }
            if (o.runs('f')) {
                report.section("loadGenerators").put("(f)", "Java, blocking keep-alive sockets, closed loop (bench/ HttpLoad)");
                new StormWorkload(ctx).run();
            }
        } catch (Exception e) {
            System.err.println("[bench] FAILED: " + e);
            e.printStackTrace();
            report.note("failed: " + e + " (the workloads before it are here)");
            code = 1;
        } finally {
            ctx.kafka.close();
        }
        if (written.compareAndSet(false, true)) {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
            report.put("finishedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            Path md = report.write(o.resultsDir(), name);
            System.out.println();
            System.out.print(report.markdown());
            System.out.println("[bench] wrote " + md + " and " + md.getFileName().toString().replace(".md", ".json"));
        }
        return code;
    }

    /**
     * wrk for the closed loops of (a), (b), (c) unless {@code --load java} or (with auto) it is not installed; null
     * means the Java generator. Both named in the report.
     */
    private static WrkLoad loadGenerator(Options o, Report report) throws java.io.IOException {
        boolean installed = WrkLoad.installed();
        if (o.load() == Options.Load.WRK && !installed) {
            throw new IllegalStateException("--load wrk: " + WrkLoad.BINARY
                    + " is not installed (apt-get install wrk)");
        }
        WrkLoad wrk = o.load() != Options.Load.JAVA && installed ? WrkLoad.create(o.workDir()) : null;
        if (wrk == null && o.load() == Options.Load.AUTO) {
            report.skip("wrk for (a), (b), (c): " + WrkLoad.BINARY + " not installed (apt-get install wrk); they ran "
                    + "on the Java load generator, which caps both sides on a small machine");
        }
        String abc = wrk == null ? "Java, one blocking keep-alive socket per connection (bench/ HttpLoad)"
                : wrk.version() + ", -t" + WrkLoad.threads(o.connections()) + " -c" + o.connections()
                        + ", bodies built in Lua (bench/ WrkScript)";
        report.section("loadGenerators").put("(a), (b), (c), both sides", abc);
        System.out.println("[bench] load generator of (a), (b), (c): " + abc);
        return wrk;
    }

    /** fsync, synchronous_commit, full_page_writes, wal_sync_method of the stack's PostgreSQL, as it reports them. */
    private static Map<String, Object> postgresSettings(Ctx ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        try (Connection c = ctx.database(); Statement st = c.createStatement()) {
            for (String s : new String[] {"server_version", "fsync", "synchronous_commit", "full_page_writes",
                    "wal_sync_method"}) {
                try (ResultSet rs = st.executeQuery("show " + s)) {
                    rs.next();
                    m.put(s, rs.getString(1));
                }
            }
        } catch (Exception e) {
            m.put("error", e.toString());
        }
        return m;
    }
}
