package io.incidentops.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.FileHandler;

/**
 * The one-command local stack: embedded PostgreSQL + Kafka, then the four services and the console as separate JVMs
 * ({@code <module>/target/quarkus-app/quarkus-run.jar}), each polled on {@code /q/health/ready}; then
 * {@code deploy/local/target/stack.env} is written and the launcher waits until it is stopped (SIGTERM, Ctrl-C).
 *
 * <pre>
 * java -cp "deploy/local/target/incidentops-local-VERSION.jar:deploy/local/target/lib/*" \
 *      -Dincidentops.root=/path/to/repo io.incidentops.local.LocalStack [start] [--infra-only] [--fresh] \
 *      [--fast-unsafe-db] [--replicas N|intake=N,comms=N,...]
 * </pre>
 * Started from {@code main}, the stack keeps its data (PostgreSQL, the broker's logs, keys, ports) under
 * {@code target/stack/} from one run to the next unless {@code --fresh}; started from code (tests) it is fresh unless
 * told otherwise. The broker runs in a JVM of its own, each service in one JVM per replica; {@code stack.processes}
 * lists them all for {@code stack.sh}, {@code stack.control} is how {@code stack.sh restart} reaches the launcher
 * ({@link StackControl}), and {@code reaper.sh} stops them all if the launcher dies without doing so.
 * Normally run through {@code deploy/local/stack.sh}. Its PostgreSQL is durable (fsync on) unless
 * {@code --fast-unsafe-db} (or {@code STACK_FAST_UNSAFE_DB=true}, or {@link #withFastUnsafeDb()}) says otherwise:
 * people run the local stack as their first real installation, and an alert answered 2xx must survive a crash.
 */
public final class LocalStack {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** Environment variable that, set to {@code true} or {@code 1}, is the same as {@code --fast-unsafe-db}. */
    static final String FAST_UNSAFE_DB_ENV = "STACK_FAST_UNSAFE_DB";

    /**
     * The four services and the responders' console, in start order, with the env var that overrides the port and the
     * stack.env key.
     */
    record Service(String module, int defaultPort, String portEnv, String urlKey) {
        /** stack.env key of the service's process id, e.g. {@code INTAKE_PID} (benchmarks read its RSS). */
        String pidKey() {
            return urlKey.replace("_URL", "_PID");
        }

        /** stack.env key of all its replicas' URLs, e.g. {@code INTAKE_URLS}. */
        String urlsKey() {
            return urlKey + "S";
        }

        /** {@code intake}, {@code executor}, {@code comms}, {@code reporter}, {@code console}: replicas are {@code intake-2}, .... */
        String shortName() {
            return urlKey.replace("_URL", "").toLowerCase(Locale.ROOT);
        }
    }

    static final List<Service> SERVICES = List.of(
            new Service("incident-intake", 8081, "INTAKE_PORT", "INTAKE_URL"),
            new Service("runbook-executor", 8082, "EXECUTOR_PORT", "EXECUTOR_URL"),
            new Service("comms-service", 8083, "COMMS_PORT", "COMMS_URL"),
            new Service("metrics-reporter", 8084, "REPORTER_PORT", "REPORTER_URL"),
            new Service("incident-console", 8085, "CONSOLE_PORT", "CONSOLE_URL"));

    /** The responders' console: a web application over the services' APIs; no database, no outbox. */
    static final String CONSOLE = "incident-console";

    /**
     * Where one replica of a service runs ({@code intake-2}): its port is kept for its whole life, restarts included.
     * Replica 1 has the service's usual port and log file.
     */
    private record ReplicaSlot(Service service, int replica, int port) {
        String name() {
            return service.shortName() + "-" + replica;
        }
    }

    /** A started replica. */
    private record Running(ReplicaSlot slot, Process process, Path log, long startedNanos) {
        Service service() {
            return slot.service();
        }

        String name() {
            return slot.name();
        }

        int port() {
            return slot.port();
        }

        String url() {
            return "http://127.0.0.1:" + slot.port();
        }
    }

    private final Path repoRoot;
    private final Path targetDir;
    private final Path logsDir;
    private final Path reportsDir;
    private final Path envFile;
    private final Path pidFile;
    private final Path stackDir;
    private final ProcessTable processTable;
    private final boolean infraOnly;
    private final boolean keepData;
    /** By name ({@code intake-1}, ...), in start order; a restart replaces its entry. */
    private final Map<String, Running> running = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private Map<Service, Integer> replicas = Replicas.single(SERVICES);
    private volatile StackControl control;
    private volatile String adminToken;
    private Integer runAsUid;
    /** Extra system properties per module, e.g. test endpoints for the end-to-end test. */
    private final Map<String, Map<String, String>> serviceConfig = new LinkedHashMap<>();
    private boolean freePorts;
    /** Email in: each intake replica's SMTP port by replica name, kept across its restarts. */
    private final Map<String, Integer> smtpPorts = new java.util.concurrent.ConcurrentHashMap<>();
    /** The domain of the local integration addresses ({@code <key>@localhost}). */
    static final String EMAIL_DOMAIN = "localhost";
    private EmbeddedPostgresServer.Durability durability = EmbeddedPostgresServer.Durability.DURABLE;
    private final java.util.concurrent.atomic.AtomicBoolean stopCalled = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile LocalInfra infra;
    private volatile LocalPaging paging;
    private volatile boolean stopping;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    LocalStack(Path repoRoot, boolean infraOnly, boolean keepData) {
        this(repoRoot, repoRoot.resolve("deploy/local/target"), infraOnly, keepData);
    }

    /**
     * A stack whose state, logs, reports, stack.env and pid live under {@code targetDir} (the end-to-end test uses
     * its own module's target/, so it never meets a developer's running stack). With {@code keepData} the data, keys
     * and ports under {@code targetDir/stack} are used again (the launcher's default); without, they are deleted first.
     */
    public LocalStack(Path repoRoot, Path targetDir, boolean infraOnly, boolean keepData) {
        this.repoRoot = repoRoot.toAbsolutePath().normalize();
        this.targetDir = targetDir.toAbsolutePath().normalize();
        this.logsDir = targetDir.resolve("logs");
        this.reportsDir = targetDir.resolve("reports");
        this.envFile = targetDir.resolve("stack.env");
        this.pidFile = targetDir.resolve("stack.pid");
        this.stackDir = targetDir.resolve("stack");
        this.processTable = new ProcessTable(targetDir.resolve("stack.processes"));
        this.infraOnly = infraOnly;
        this.keepData = keepData;
    }

    /** Passes {@code -Dkey=value} to one service's JVM. */
    public LocalStack withServiceConfig(String module, String key, String value) {
        serviceConfig.computeIfAbsent(module, m -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    /** How many replicas of each service to run (default one each); see {@link Replicas}. */
    public LocalStack withReplicas(String spec) {
        this.replicas = Replicas.parse(spec, SERVICES);
        return this;
    }

    /** Services listen on free ports instead of 8081–8084 (tests must not assume those are free). */
    public LocalStack withFreePorts() {
        this.freePorts = true;
        return this;
    }

    /**
     * PostgreSQL with {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} off: faster on slow
     * disks, but a crash loses committed data. For throw-away stacks (tests) only.
     */
    /**
     * Runs the services as this user and group id ({@code setpriv}, util-linux; needs root), as a container with
     * {@code runAsNonRoot} does: their application directories are then read-only to them, and they may write only to
     * their tmp directory and the reports directory (the Kubernetes manifests mount emptyDirs there).
     */
    public LocalStack withServicesRunAs(int uid) {
        this.runAsUid = uid;
        return this;
    }

    public LocalStack withFastUnsafeDb() {
        this.durability = EmbeddedPostgresServer.Durability.FAST_UNSAFE;
        return this;
    }

    public EmbeddedPostgresServer.Durability durability() {
        return durability;
    }

    /** The process of a running service's first replica (its pid tells its user through {@code /proc}). */
    public ProcessHandle processOf(String module) {
        return firstReplica(module).process().toHandle();
    }

    /** Base URL of a running service's first replica, e.g. {@code url("incident-intake")}. */
    public String url(String module) {
        return firstReplica(module).url();
    }

    /** Base URLs of every replica of a service, in replica order (what {@code stack.env} lists as {@code *_URLS}). */
    public List<String> urls(String module) {
        return runningNow().stream().filter(r -> r.service().module().equals(module))
                .sorted(java.util.Comparator.comparing(Running::name)).map(Running::url).toList();
    }

    /**
     * The process of one replica by its name ({@code intake-2}), of {@code kafka} or of {@code postgres} (its
     * postmaster): what a fault test kills or freezes.
     */
    public ProcessHandle process(String name) {
        return switch (name) {
            case "postgres" -> ProcessHandle.of(infra.postgres().orElseThrow().pid().orElseThrow()).orElseThrow();
            case "kafka" -> infra.brokerProcess().orElseThrow().process();
            default -> {
                Running r = running.get(name);
                if (r == null) throw new java.util.NoSuchElementException("no process " + name);
                yield r.process().toHandle();
            }
        };
    }

    private Running firstReplica(String module) {
        return runningNow().stream().filter(r -> r.service().module().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(module + " is not running"));
    }

    private List<Running> runningNow() {
        synchronized (running) {
            return List.copyOf(running.values());
        }
    }

    public LocalInfra infra() {
        return infra;
    }

    public Path reportsDir() {
        return reportsDir;
    }

    public Path logsDir() {
        return logsDir;
    }

    public static void main(String[] args) {
        String command = "start";
        boolean infraOnly = false;
        boolean fresh = false;
        String replicaSpec = null;
        boolean fastUnsafeDb = isTrue(System.getenv(FAST_UNSAFE_DB_ENV));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "start" -> command = "start";
                case "--infra-only" -> infraOnly = true;
                case "--fresh" -> fresh = true;
                case "--keep-data" -> {
                    // keeping the data is the default now; still accepted so that older scripts keep working
                }
                case "--replicas" -> replicaSpec = i + 1 < args.length ? args[++i] : "";
                case "--fast-unsafe-db" -> fastUnsafeDb = true;
                case "-h", "--help" -> {
                    usage();
                    return;
                }
                default -> {
                    System.err.println("unknown argument: " + arg);
                    usage();
                    System.exit(2);
                }
            }
        }
        Path root = Paths.get(System.getProperty("incidentops.root", System.getProperty("user.dir")));
        LocalStack stack = new LocalStack(root, infraOnly, !fresh);
        if (fastUnsafeDb) {
            stack.withFastUnsafeDb();
        }
        if (replicaSpec != null) {
            try {
                stack.withReplicas(replicaSpec);
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.exit(2);
            }
        }
        int code;
        try {
            code = "start".equals(command) ? stack.start() : 2;
        } catch (Throwable e) {
            System.err.println("[stack] FAILED: " + e);
            code = 1;
        }
        if (code != 0) {
            System.exit(code); // the shutdown hook stops whatever was started
        }
        stack.awaitStop();
    }

    static boolean isTrue(String value) {
        return value != null && (value.trim().equalsIgnoreCase("true") || value.trim().equals("1"));
    }

    private static void usage() {
        System.out.println("usage: LocalStack [start] [--infra-only] [--fresh] [--fast-unsafe-db]"
                + " [--replicas N|intake=N,executor=N,comms=N,reporter=N,console=N]   (-Dincidentops.root=<repo root>)");
    }

    /** Starts everything; returns 0 when the stack is up, non-zero after printing why it is not. */
    public int start() throws IOException, InterruptedException {
        Files.createDirectories(logsDir);
        Files.createDirectories(reportsDir);
        Files.createDirectories(targetDir.resolve("tmp"));
        Optional<Long> other = readPid(pidFile).filter(pid -> pid != ProcessHandle.current().pid())
                .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        if (other.isPresent()) {
            say("a stack is already running (pid " + other.get() + "); stop it with deploy/local/stack.sh stop");
            return 1;
        }
        Files.deleteIfExists(envFile);
        // a launcher killed with SIGKILL cannot stop its processes; its reaper does, and if even that one is gone:
        List<String> leftovers = processTable.stopLeftovers();
        if (!leftovers.isEmpty()) {
            say("stopped what a previous launcher left running: " + String.join(", ", leftovers));
        }
        EmbeddedPostgresServer.stopByPidFile(stackDir.resolve("postgres/pg-data"));
        if (!keepData) {
            Files2.deleteRecursively(stackDir);
        }
        Files.writeString(pidFile, String.valueOf(ProcessHandle.current().pid()));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "incidentops-stack-stop"));
        startReaper();
        routeInfraLogging(logsDir.resolve("infra.log"));
        Files.deleteIfExists(logsDir.resolve("postgres.log"));

        Map<String, ReplicaSlot> slots = new LinkedHashMap<>();
        for (Service s : infraOnly ? List.<Service>of() : SERVICES) {
            Path jar = jar(s);
            if (!Files.isRegularFile(jar)) {
                say("missing " + repoRoot.relativize(jar)
                        + ": build first (deploy/local/stack.sh builds what is missing)");
                return 1;
            }
            int first = freePorts ? Ports.free() : port(s);
            if (!Ports.isFree(first)) {
                say("port " + first + " for " + s.module() + " is in use; free it or set " + s.portEnv());
                return 1;
            }
            for (int replica = 1; replica <= replicas.get(s); replica++) {
                ReplicaSlot slot = new ReplicaSlot(s, replica, replica == 1 ? first : Ports.free());
                slots.put(slot.name(), slot);
            }
        }

        if (!infraOnly) {
            watchOverThePipeline(slots.values());
        }

        say("starting PostgreSQL and Kafka (in parallel; " + (keepData ? "data kept in " : "fresh data in ")
                + repoRoot.relativize(stackDir) + ")…");
        // keepData from here on even for a fresh stack (deleted above): a restart of PostgreSQL or the broker, and the
        // next start, must find what this run wrote
        infra = LocalInfra.start(stackDir, new LocalInfra.Options(true, logsDir.resolve("postgres.log"),
                targetDir.resolve("embedded-pg-bin"), durability, logsDir.resolve("kafka.log")));
        say(String.format("PostgreSQL ready on %s (%.1f s), %s", infra.jdbcUrl(), secs(infra.postgresStartup()),
                durability == EmbeddedPostgresServer.Durability.DURABLE ? "durable (fsync on)"
                        : "FAST-UNSAFE (fsync, synchronous_commit, full_page_writes off: a crash loses data)"));
        say(String.format("Kafka ready on %s (%.1f s, own JVM)", infra.bootstrapServers(), secs(infra.kafkaStartup())));
        writeProcessTable();
        control = StackControl.start(targetDir.resolve("stack.control"), this::restart);

        if (!infraOnly) {
            paging = LocalPaging.start(infra.security().publicKeyPath().getParent());
            say("mailbox: SMTP on 127.0.0.1:" + paging.smtpPort() + ", messages at " + paging.mailboxUrl());
        }
        for (ReplicaSlot slot : slots.values()) {
            say("starting " + slot.name() + " (" + slot.service().module() + ") on port " + slot.port() + "…");
            running.put(slot.name(), launch(slot, false));
            writeProcessTable();
        }
        for (Running r : runningNow()) {
            if (!awaitReady(r)) {
                return 1;
            }
        }

        adminToken = infra.security().adminToken(Duration.ofHours(12));
        if (paging != null) {
            try {
                say(paging.installDemoTeam(url("incident-intake"), adminToken));
            } catch (IOException e) {
                say("could not create the demo team through intake's API: " + e.getMessage());
                return 1;
            }
        }
        writeEnv();

        System.out.println();
        say("IncidentOps local stack is up" + (infraOnly ? " (infrastructure only)" : "") + ":");
        for (Running r : runningNow()) {
            System.out.printf("  %-17s %s%n", r.name(), r.url());
        }
        System.out.printf("  %-17s %s%n", "kafka", infra.bootstrapServers());
        System.out.printf("  %-17s %s (user %s, %s)%n", "postgresql", infra.jdbcUrl(), infra.username(),
                durability.label());
        if (paging != null) {
            System.out.printf("  %-17s %s (SMTP 127.0.0.1:%d)%n", "mailbox", paging.mailboxUrl(), paging.smtpPort());
        }
        System.out.printf("  %-17s %s%n", "data", stackDir);
        System.out.printf("  %-17s %s%n", "reports", reportsDir);
        System.out.printf("  %-17s %s%n", "logs", logsDir);
        System.out.printf("  %-17s %s%n", "integration key", infra.integrationKey());
        System.out.println("  admin token (12 h, roles viewer responder commander admin):");
        System.out.println("  " + adminToken);
        System.out.println();
        if (!infraOnly) {
            say("the console: " + url(CONSOLE) + " (sign in with one click: development sign-in, any role)");
        }
        say("wrote " + repoRoot.relativize(envFile) + " (source it: set -a; . " + repoRoot.relativize(envFile)
                + "; set +a). Ctrl-C or deploy/local/stack.sh stop to stop.");
        runningNow().forEach(this::watch);
        watchInfra("postgres");
        watchInfra("kafka");
        return 0;
    }

    /**
     * {@code reaper.sh}: waits for this JVM to end and, if the process table is still there (no clean stop), stops
     * everything it lists, so that a {@code kill -9} of the launcher leaves no PostgreSQL, broker or service behind.
     */
    private void startReaper() throws IOException {
        Path script = repoRoot.resolve("deploy/local/reaper.sh");
        if (!Files.isRegularFile(script)) {
            say("no " + script + ": processes will outlive a killed launcher until the next start stops them");
            return;
        }
        new ProcessBuilder("bash", script.toString(), String.valueOf(ProcessHandle.current().pid()),
                processTable.file().toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logsDir.resolve("reaper.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
    }

    private void writeProcessTable() {
        List<ProcessTable.Entry> entries = new ArrayList<>();
        infra.postgres().ifPresent(pg -> pg.pid().ifPresent(pid ->
                entries.add(new ProcessTable.Entry("postgres", pid, pg.port(), "postgres"))));
        infra.brokerProcess().ifPresent(kafka ->
                entries.add(new ProcessTable.Entry("kafka", kafka.process().pid(), kafka.port(), "kafka")));
        for (Running r : runningNow()) {
            entries.add(new ProcessTable.Entry(r.name(), r.process().pid(), r.port(), "service"));
        }
        processTable.write(entries);
    }

    /**
     * Restarts one process on its port (stopping it first if it still runs) and returns once it is ready. The
     * launcher never restarts anything by itself: a process killed by hand stays dead until this is asked for.
     */
    public String restart(String name) throws IOException, InterruptedException {
        if (stopping) {
            throw new IllegalStateException("the stack is stopping");
        }
        String done;
        switch (name) {
            case "postgres" -> {
                EmbeddedPostgresServer pg = infra.postgres().orElseThrow();
                pg.restart();
                done = "postgres ready on " + infra.jdbcUrl();
            }
            case "kafka" -> {
                KafkaBrokerProcess kafka = infra.brokerProcess().orElseThrow();
                kafka.restart();
                done = "kafka ready on " + kafka.bootstrapServers();
            }
            default -> {
                Running old = running.get(name.matches(".*-\\d+") ? name : name + "-1");
                if (old == null) {
                    throw new java.util.NoSuchElementException("no process " + name + " (postgres, kafka or one of "
                            + String.join(", ", running.keySet()) + ")");
                }
                stopProcess(old);
                Running fresh = launch(old.slot(), true);
                running.put(fresh.name(), fresh);
                writeProcessTable();
                if (!awaitReady(fresh)) {
                    throw new IllegalStateException(fresh.name() + " did not become ready; see " + fresh.log());
                }
                watch(fresh);
                done = fresh.name() + " ready on " + fresh.url() + " (pid " + fresh.process().pid() + ")";
            }
        }
        writeProcessTable();
        if (name.equals("postgres") || name.equals("kafka")) {
            watchInfra(name);
        }
        writeEnv();
        say("restarted: " + done);
        return done;
    }

    private Path jar(Service s) {
        return repoRoot.resolve(s.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    static int port(Service s) {
        String override = System.getenv(s.portEnv());
        if (override != null && !override.isBlank()) {
            return Integer.parseInt(override.trim());
        }
        return s.defaultPort();
    }

    /**
     * {@code STACK_JAVA_OPTS_<MODULE>} (e.g. {@code STACK_JAVA_OPTS_COMMS_SERVICE}) for one service, else
     * {@code STACK_JAVA_OPTS} for all (blank = unset), else a small heap: intake's collected by the parallel collector,
     * the others' by the serial one, and the services after intake also compile with C1 only. Intake allocates at the
     * rate alerts arrive: with the serial collector a storm spent a quarter of its wall time in pauses (bench (d),
     * distinct records), and the parallel one took (b) from 6,212 to 9,518 alerts/s and (d)'s distinct records from
     * 5,490 to 6,866 records/s (one run each, same build). The other services see some fifteen events per incident, so
     * an alert storm is what finally makes their code hot, and C2 compiling Hibernate's large methods then took a third
     * of the storm's CPU on a two-core machine, taken from intake (bench (e) bursts: stack CPU per 50 declarations
     * 15-28 s with C2, 11-17 s with C1; status page p99 2.4-5.7 s against 1.7-3.5 s).
     */
    static String javaOptions(Service s, Map<String, String> env) {
        String defaults = "-Xms64m -Xmx512m " + (s.module().equals("incident-intake")
                ? "-XX:+UseParallelGC" : "-XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        // set but blank counts as unset (a script's `STACK_JAVA_OPTS_X="${OPTS:-}"`): no options at all would run
        // the service on the JVM's defaults (a quarter of the machine's memory, G1), not on the stack's
        String all = nonBlank(env.get("STACK_JAVA_OPTS"), defaults);
        return nonBlank(env.get("STACK_JAVA_OPTS_" + s.module().toUpperCase(Locale.ROOT).replace('-', '_')), all);
    }

    /** Where the stack looks for {@code nice}; without it every service runs at the launcher's priority. */
    static final List<Path> NICE = List.of(Paths.get("/usr/bin/nice"), Paths.get("/bin/nice"));

    /**
     * The {@code nice} prefix of a service's command: {@code STACK_NICE_<MODULE>} (0-19, blank = unset), else 10 for
     * the executor and the reporter and none for intake and comms. On one machine all services, PostgreSQL and Kafka
     * share the cores, and an alert storm's downstream work (diagnostics, runbooks, timeline, reports) came in the
     * very seconds when alerts must be answered, declared, put on the status page and paged: it now yields the CPU to
     * that path. bench (e) at 1,000 alerts/s, warm stacks of one build, seven runs before and three after: answer p99
     * 1.3-4.3 s -> 0.3-0.6 s, declared p99 1.9-3.0 s -> 1.0-1.2 s, status page p99 3.4-4.7 s -> 2.1-2.6 s, paged p99
     * 4.6-7.8 s -> 3.6-4.2 s.
     */
    static List<String> niceness(Service s, Map<String, String> env, Path nice) {
        String key = "STACK_NICE_" + s.module().toUpperCase(Locale.ROOT).replace('-', '_');
        boolean downstream = s.module().equals("runbook-executor") || s.module().equals("metrics-reporter");
        String value = nonBlank(env.get(key), downstream ? "10" : "0").trim();
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a niceness from 0 to 19, not '" + value + "'");
        }
        if (n < 0 || n > 19) {
            throw new IllegalArgumentException(key + " must be a niceness from 0 to 19, not " + n);
        }
        return n == 0 || nice == null ? List.of() : List.of(nice.toString(), "-n", String.valueOf(n));
    }

    private static String nonBlank(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }

    /**
     * Starts one replica: replica 1 logs to {@code logs/<module>.log} and uses {@code tmp/<module>}, replica N to
     * {@code <module>-N.log} and {@code tmp/<module>-N}. A restart appends to the log (what led to it stays there).
     */
    private Running launch(ReplicaSlot slot, boolean restart) throws IOException {
        Service s = slot.service();
        int port = slot.port();
        String instance = slot.replica() == 1 ? s.module() : s.module() + "-" + slot.replica();
        Path log = logsDir.resolve(instance + ".log");
        Path tmp = targetDir.resolve("tmp").resolve(instance);
        Files.createDirectories(tmp);
        List<String> cmd = new ArrayList<>();
        if (runAsUid != null) {
            for (Path writable : List.of(tmp, reportsDir)) {
                Files.setPosixFilePermissions(writable, PosixFilePermissions.fromString("rwxrwxrwx"));
            }
            cmd.addAll(List.of("setpriv", "--reuid=" + runAsUid, "--regid=" + runAsUid, "--clear-groups", "--"));
        }
        cmd.addAll(niceness(s, System.getenv(), NICE.stream().filter(Files::isExecutable).findFirst().orElse(null)));
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        String javaOpts = javaOptions(s, System.getenv());
        for (String opt : javaOpts.trim().split("\\s+")) {
            if (!opt.isEmpty()) {
                cmd.add(opt);
            }
        }
        cmd.add("-Djava.io.tmpdir=" + tmp);
        serviceConfig.getOrDefault(s.module(), Map.of()).forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar(s).toString());
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(repoRoot.resolve(s.module()).toFile())
                .redirectErrorStream(true)
                .redirectOutput(restart ? ProcessBuilder.Redirect.appendTo(log.toFile())
                        : ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_HTTP_HOST", System.getenv().getOrDefault("STACK_HTTP_HOST", "127.0.0.1"));
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.bootstrapServers());
        if (s.module().equals(CONSOLE)) { // no database, no reports: the services' URLs and the sign-in
            env.putAll(consoleEnv(this::url, infra.security()));
            return new Running(slot, pb.start(), log, System.nanoTime());
        }
        env.put("QUARKUS_DATASOURCE_JDBC_URL", infra.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", infra.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", infra.password());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", infra.security().publicKeyPath().toString());
        env.put("MP_JWT_VERIFY_ISSUER", LocalInfra.ISSUER);
        env.put("INCIDENTOPS_SECURITY_INTEGRATION_KEYS_LOCAL", DevSecurity.sha256Hex(infra.integrationKey()));
        env.put("INCIDENTOPS_REPORTS_DIR", reportsDir.toString());
        if (s.module().equals("incident-intake")) { // email in, on a free port (stack.env's EMAIL_SMTP_PORT)
            env.put("INCIDENTOPS_INTAKE_EMAIL_PORT", String.valueOf(smtpPorts.computeIfAbsent(slot.name(), n -> Ports.free())));
            env.put("INCIDENTOPS_INTAKE_EMAIL_BIND_HOST", "127.0.0.1");
            env.put("INCIDENTOPS_INTAKE_EMAIL_DOMAIN", EMAIL_DOMAIN);
        }
        if (s.module().equals("runbook-executor")) { // approve/reject links in approval requests: the stack's EXECUTOR_URL
            env.putIfAbsent("INCIDENTOPS_EXECUTOR_PUBLIC_URL", "http://127.0.0.1:" + port);
        }
        if (paging != null) {
            env.putAll(paging.env(s.module(), "http://127.0.0.1:" + port));
        }
        return new Running(slot, pb.start(), log, System.nanoTime());
    }

    /**
     * The console's settings (incident-console README): replica 1 of each service (the console starts after them, so
     * their ports are known), the status page for its links, and the development sign-in with the stack's key pair, so
     * that a newcomer is one click from the console. Tokens it mints verify on every service (same key, same issuer).
     */
    static Map<String, String> consoleEnv(java.util.function.UnaryOperator<String> urlOfModule, DevSecurity security) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("INCIDENTOPS_CONSOLE_INTAKE_URL", urlOfModule.apply("incident-intake"));
        env.put("INCIDENTOPS_CONSOLE_EXECUTOR_URL", urlOfModule.apply("runbook-executor"));
        env.put("INCIDENTOPS_CONSOLE_COMMS_URL", urlOfModule.apply("comms-service"));
        env.put("INCIDENTOPS_CONSOLE_REPORTER_URL", urlOfModule.apply("metrics-reporter"));
        env.put("INCIDENTOPS_CONSOLE_STATUS_PAGE_URL", urlOfModule.apply("comms-service") + "/");
        env.put("INCIDENTOPS_CONSOLE_DEV_SIGN_IN_ENABLED", "true");
        env.put("INCIDENTOPS_CONSOLE_DEV_SIGN_IN_PRIVATE_KEY_LOCATION", security.privateKeyPath().toString());
        env.put("INCIDENTOPS_CONSOLE_DEV_SIGN_IN_PUBLIC_KEY_LOCATION", security.publicKeyPath().toString());
        return env;
    }

    /**
     * Comms' watchdog reads the other services' pipeline health (their outboxes) directly, not through Kafka, and
     * pages the stack's platform owners by e-mail into the mailbox when paging itself is broken.
     */
    private void watchOverThePipeline(java.util.Collection<ReplicaSlot> slots) {
        for (ReplicaSlot slot : slots) { // replica 1 of each: replicas share one outbox (one database schema)
            String module = slot.service().module();
            if (slot.replica() == 1 && !module.equals("comms-service") && !module.equals(CONSOLE)) { // no outbox
                withServiceConfig("comms-service", "incidentops.comms.watchdog.health-urls."
                        + slot.service().shortName(), "http://127.0.0.1:" + slot.port() + "/q/health/group/pipeline");
            }
        }
        withServiceConfig("comms-service", "incidentops.comms.watchdog.owners", "email:" + LocalPaging.PLATFORM_OWNERS);
    }

    private boolean awaitReady(Running r) throws InterruptedException {
        URI uri = URI.create(r.url() + "/q/health/ready");
        long deadline = r.startedNanos() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!r.process().isAlive()) {
                say(r.name() + " exited with code " + r.process().exitValue() + " during start; last lines of "
                        + repoRoot.relativize(r.log()) + ":");
                printTail(r.log(), 40);
                return false;
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    say(String.format("%s (%s) ready on %s (%.1f s)", r.name(), r.service().module(), r.url(),
                            (System.nanoTime() - r.startedNanos()) / 1e9));
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        say(r.name() + " not ready after " + READY_TIMEOUT.toSeconds() + " s; last lines of "
                + repoRoot.relativize(r.log()) + ":");
        printTail(r.log(), 40);
        return false;
    }

    /** Reports a replica that dies after it was ready; it is not restarted (a fault tried by hand must stay). */
    private void watch(Running r) {
        r.process().onExit().thenAccept(p -> {
            if (!stopping && running.get(r.name()) == r) {
                say("WARNING: " + r.name() + " exited with code " + p.exitValue() + "; see "
                        + repoRoot.relativize(r.log()) + "; deploy/local/stack.sh restart " + r.name()
                        + " brings it back");
            }
        });
    }

    /** As {@link #watch(Running)}, for PostgreSQL's postmaster or the broker's JVM. */
    private void watchInfra(String name) {
        Optional<ProcessHandle> process = name.equals("postgres")
                ? infra.postgres().flatMap(EmbeddedPostgresServer::pid).flatMap(ProcessHandle::of)
                : infra.brokerProcess().map(KafkaBrokerProcess::process);
        process.ifPresent(p -> p.onExit().thenAccept(gone -> {
            if (!stopping) {
                say("WARNING: " + name + " (pid " + gone.pid() + ") exited; services retry until "
                        + "deploy/local/stack.sh restart " + name + " brings it back");
            }
        }));
    }

    /** stack.env: replica 1's URL and pid per service (as before replicas), all replicas' URLs, infra, keys. */
    private synchronized void writeEnv() throws IOException {
        if (adminToken == null) {
            return; // not up yet: stack.env appears only once everything is ready
        }
        Map<String, String> env = new LinkedHashMap<>();
        List<Running> all = runningNow();
        for (Service s : SERVICES) {
            List<Running> replicasOf = all.stream().filter(r -> r.service() == s).toList();
            if (!replicasOf.isEmpty()) {
                env.put(s.urlKey(), replicasOf.get(0).url());
                env.put(s.urlsKey(), String.join(",", replicasOf.stream().map(Running::url).toList()));
            }
        }
        env.put("KAFKA_BOOTSTRAP", infra.bootstrapServers());
        env.put("JDBC_URL", infra.jdbcUrl());
        env.put("JDBC_USERNAME", infra.username());
        env.put("JDBC_PASSWORD", infra.password());
        env.put("ADMIN_TOKEN", adminToken);
        env.put("INTEGRATION_KEY", infra.integrationKey());
        all.stream().filter(r -> r.service().module().equals("incident-intake")).findFirst()
                .map(r -> smtpPorts.get(r.name())).ifPresent(smtp -> {
                    env.put("EMAIL_SMTP_PORT", String.valueOf(smtp));
                    env.put("EMAIL_ADDRESS", infra.integrationKey() + "@" + EMAIL_DOMAIN);
                });
        env.put("REPORTS_DIR", reportsDir.toString());
        env.put("LOGS_DIR", logsDir.toString());
        env.put("DATA_DIR", stackDir.toString());
        env.put("JWT_PUBLIC_KEY", infra.security().publicKeyPath().toString());
        env.put("JWT_PRIVATE_KEY", infra.security().privateKeyPath().toString());
        env.put("STACK_PID", String.valueOf(ProcessHandle.current().pid()));
        for (Service s : SERVICES) {
            all.stream().filter(r -> r.service() == s).findFirst()
                    .ifPresent(r -> env.put(s.pidKey(), String.valueOf(r.process().pid())));
        }
        env.put("DB_DURABILITY", durability.label());
        if (paging != null) {
            env.put("MAILBOX_URL", paging.mailboxUrl());
        }
        writeEnv(env);
    }

    private void writeEnv(Map<String, String> env) throws IOException {
        StringBuilder sb = new StringBuilder("# IncidentOps local stack (written by deploy/local; local use only)\n");
        env.forEach((k, v) -> sb.append(k).append('=').append(shellQuote(v)).append('\n'));
        Path tmp = envFile.resolveSibling("stack.env.tmp");
        Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, envFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String shellQuote(String value) {
        if (value.matches("[A-Za-z0-9_./:@%+=,-]*")) {
            return value;
        }
        return "'" + value.replace("'", "'\"'\"'") + "'";
    }

    /**
     * Shutdown hook: services (TERM, then KILL after 10 s), then Kafka and PostgreSQL; removes the pid, env, control
     * files and the process table (whose absence tells the reaper that nothing is left to do).
     */
    public void stop() {
        if (!stopCalled.compareAndSet(false, true)) {
            return;
        }
        stopping = true;
        List<Running> all = runningNow();
        boolean anything = !all.isEmpty() || infra != null;
        if (anything) {
            say("stopping…");
        }
        if (control != null) {
            control.close();
        }
        for (Running r : all) {
            signalContinue(r.process().pid()); // a frozen replica cannot act on SIGTERM
            r.process().destroy();
        }
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (Running r : all) {
            awaitExit(r, Math.max(0, deadline - System.nanoTime()));
        }
        if (paging != null) {
            paging.close();
        }
        if (infra != null) {
            infra.postgres().flatMap(EmbeddedPostgresServer::pid).ifPresent(LocalStack::signalContinue);
            infra.brokerProcess().ifPresent(k -> signalContinue(k.process().pid()));
            infra.close();
        }
        processTable.delete();
        try {
            Files.deleteIfExists(envFile);
            if (readPid(pidFile).map(pid -> pid == ProcessHandle.current().pid()).orElse(false)) {
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException e) {
            // best effort
        }
        if (anything) {
            say("stopped");
        }
        stopped.countDown();
    }

    /** SIGTERM, then SIGKILL if the replica has not exited within the grace period (e.g. for a restart). */
    private void stopProcess(Running r) {
        if (r.process().isAlive()) {
            signalContinue(r.process().pid());
            r.process().destroy();
            awaitExit(r, STOP_GRACE.toNanos());
        }
    }

    private void awaitExit(Running r, long nanos) {
        try {
            if (!r.process().waitFor(nanos, TimeUnit.NANOSECONDS)) {
                say(r.name() + " did not stop in " + STOP_GRACE.toSeconds() + " s; killing it");
                r.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r.process().destroyForcibly();
        }
    }

    /** SIGCONT: {@code stack.sh freeze} stops a process with SIGSTOP; a stop must not wait on it forever. */
    private static void signalContinue(long pid) {
        Signals.send("CONT", pid);
    }

    void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kafka's own (warning-level) logging and zonky's go to infra.log, not to the console. */
    private static void routeInfraLogging(Path file) {
        try {
            org.jboss.logmanager.Logger root = LogContext.getLogContext().getLogger("");
            for (java.util.logging.Handler h : root.getHandlers()) {
                root.removeHandler(h);
            }
            FileHandler handler = new FileHandler(new PatternFormatter("%d{HH:mm:ss,SSS} %-5p [%c] (%t) %s%e%n"),
                    file.toFile(), false);
            handler.setAutoFlush(true);
            root.addHandler(handler);
            root.setLevel(Level.INFO);
            QuietLogging.quietInfra();
        } catch (IOException | LinkageError e) {
            System.err.println("[stack] could not route infrastructure logging to " + file + ": " + e);
        }
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void printTail(Path file, int lines) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long len = raf.length();
            long from = Math.max(0, len - 16_384);
            byte[] buf = new byte[(int) (len - from)];
            raf.seek(from);
            raf.readFully(buf);
            String[] all = new String(buf, StandardCharsets.UTF_8).split("\n");
            for (int i = Math.max(0, all.length - lines); i < all.length; i++) {
                System.out.println("    | " + all[i]);
            }
        } catch (IOException e) {
            System.out.println("    (no log: " + e.getMessage() + ")");
        }
    }

    private static double secs(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static void say(String message) {
        System.out.println("[stack] " + message);
        System.out.flush();
    }
}
