package io.incidentops.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The whole embedded infrastructure under one root directory: PostgreSQL, a Kafka broker (started in parallel) and
 * the {@link DevSecurity} material, plus one integration key per instance.
 *
 * <pre>
 * root/owner.pid              pid of the JVM that owns the servers
 * root/infra.properties       what {@link #quarkusConfig()} is built from (lets other class loaders attach)
 * root/ports.properties       the ports of this run (a kept root tries them again next time)
 * root/kafka/kafka-logs       broker + controller log dirs
 * root/postgres/pg-bin        unpacked PostgreSQL binaries (unless another directory is given;
 *                             {@link #shared()} reuses target/embedded-pg-bin)
 * root/postgres/pg-data       the cluster
 * root/security/*.pem         publicKey.pem, privateKey.pem (PKCS#8)
 * root/security/integration-key  the plaintext integration key
 * root/logs/postgres.log      initdb and server output (unless a log file is given)
 * </pre>
 *
 * <p>Everything is fresh on each start (what tests get) unless {@link Options#keepData()}: then the cluster, the
 * broker's logs, the keys and the integration key of the previous run are used again (what the local stack gets).
 */
public final class LocalInfra implements AutoCloseable {

    /** System property naming the root of the JVM-wide shared instance (set by {@link #shared()}). */
    public static final String SHARED_ROOT_PROPERTY = "incidentops.local.shared-root";
    public static final String ISSUER = DevSecurity.ISSUER;
    public static final String INTEGRATION_KEY_NAME = "local";

    private static final String DESCRIPTION_FILE = "infra.properties";
    private static final String OWNER_FILE = "owner.pid";
    private static final String PORTS_FILE = "ports.properties";
    private static final String INTEGRATION_KEY_FILE = "integration-key";
    /**
     * String literals are interned JVM-wide, so this one object is the same monitor in every class loader that loads
     * this class (Quarkus may load a test resource in more than one). It guards the JVM-wide shared instance.
     */
    private static final String JVM_WIDE_LOCK = "io.incidentops.local.LocalInfra#shared";

    private static LocalInfra shared;

    private final Path root;
    private final EmbeddedPostgresServer postgres;
    private final KafkaBroker kafka;
    private final DevSecurity security;
    private final String integrationKey;
    private final String bootstrapServers;
    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final Duration postgresStartup;
    private final Duration kafkaStartup;
    private final Duration totalStartup;
    private volatile boolean deleteRootOnClose;
    private volatile boolean closed;

    private LocalInfra(Path root, EmbeddedPostgresServer postgres, KafkaBroker kafka, DevSecurity security,
            String integrationKey, String bootstrapServers, String jdbcUrl, String username, String password,
            Duration postgresStartup, Duration kafkaStartup, Duration totalStartup) {
        this.root = root;
        this.postgres = postgres;
        this.kafka = kafka;
        this.security = security;
        this.integrationKey = integrationKey;
        this.bootstrapServers = bootstrapServers;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.postgresStartup = postgresStartup;
        this.kafkaStartup = kafkaStartup;
        this.totalStartup = totalStartup;
    }

    /** Starts everything under {@code root}, fresh, with PostgreSQL's output in {@code root/logs/postgres.log}. */
    public static LocalInfra start(Path root) {
        return start(root, false, null);
    }

    /**
     * Starts PostgreSQL and Kafka in parallel and generates the security material.
     *
     * @param root        directory for all data (created if missing)
     * @param keepData    use the previous run's data, keys and ports again (see {@link Options}; default: all new)
     * @param postgresLog where PostgreSQL's own output goes; {@code null} means {@code root/logs/postgres.log}
     */
    public static LocalInfra start(Path root, boolean keepData, Path postgresLog) {
        return start(root, keepData, postgresLog, null);
    }

    /**
     * As {@link #start(Path, boolean, Path)}, with PostgreSQL's binaries unpacked to (and reused from)
     * {@code postgresBinDir} instead of {@code root/postgres/pg-bin}.
     */
    public static LocalInfra start(Path root, boolean keepData, Path postgresLog, Path postgresBinDir) {
        return start(root, keepData, postgresLog, postgresBinDir, EmbeddedPostgresServer.Durability.DURABLE);
    }

    /**
     * As {@link #start(Path, boolean, Path, Path)}, with the given PostgreSQL durability (durable unless a caller
     * that throws the data away asks for {@link EmbeddedPostgresServer.Durability#FAST_UNSAFE}).
     */
    public static LocalInfra start(Path root, boolean keepData, Path postgresLog, Path postgresBinDir,
            EmbeddedPostgresServer.Durability durability) {
        return start(root, new Options(keepData, postgresLog, postgresBinDir, durability, null));
    }

    /**
     * How {@link #start(Path, Options)} runs the infrastructure.
     *
     * @param keepData       use the previous run's cluster, broker logs, keys, integration key and (when free) ports
     *                       again, and leave them in place on close; otherwise everything is new
     * @param postgresLog    where PostgreSQL's own output goes; {@code null} means {@code root/logs/postgres.log}
     * @param postgresBinDir where PostgreSQL's binaries are unpacked; {@code null} means {@code root/postgres/pg-bin}
     * @param durability     PostgreSQL's commit durability
     * @param brokerLog      non-null: the broker runs in a JVM of its own ({@link KafkaBrokerProcess}) with its
     *                       output here, so that it can be killed and restarted alone; null: in this JVM
     */
    public record Options(boolean keepData, Path postgresLog, Path postgresBinDir,
            EmbeddedPostgresServer.Durability durability, Path brokerLog) {
    }

    /** Starts PostgreSQL and Kafka in parallel and generates (or, keeping data, loads) the security material. */
    public static LocalInfra start(Path root, Options options) {
        long t0 = System.nanoTime();
        Path dir = root.toAbsolutePath().normalize();
        Path pgLog = options.postgresLog() != null ? options.postgresLog().toAbsolutePath()
                : dir.resolve("logs").resolve("postgres.log");
        Properties ports = options.keepData() ? readProperties(dir.resolve(PORTS_FILE)) : new Properties();
        int pgPort = Ports.reuseOrFree(intOf(ports, "postgres.port"));
        int kafkaPort = Ports.reuseOrFree(intOf(ports, "kafka.port"));
        int controllerPort = Ports.reuseOrFree(intOf(ports, "kafka.controller.port"));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(OWNER_FILE), String.valueOf(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        QuietLogging.quietInfra();

        CompletableFuture<Timed<EmbeddedPostgresServer>> pgFuture = new CompletableFuture<>();
        Thread pgStarter = new Thread(() -> {
            long s = System.nanoTime();
            try {
                EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("postgres"), options.keepData(),
                        pgLog, options.postgresBinDir(), options.durability(), pgPort);
                pgFuture.complete(new Timed<>(pg, Duration.ofNanos(System.nanoTime() - s)));
            } catch (Throwable e) {
                pgFuture.completeExceptionally(e);
            }
        }, "incidentops-local-postgres-start");
        pgStarter.setDaemon(true);
        pgStarter.start();

        KafkaBroker kafka = null;
        Duration kafkaTime;
        DevSecurity security;
        String integrationKey;
        try {
            long s = System.nanoTime();
            kafka = options.brokerLog() != null
                    ? KafkaBrokerProcess.start(dir.resolve("kafka"), kafkaPort, controllerPort, options.brokerLog())
                    : EmbeddedKafka.start(dir.resolve("kafka"), options.keepData(), kafkaPort, controllerPort, Map.of());
            kafkaTime = Duration.ofNanos(System.nanoTime() - s);
            Path securityDir = dir.resolve("security");
            boolean keysKept = options.keepData() && Files.isRegularFile(securityDir.resolve(DevSecurity.PRIVATE_KEY_FILE));
            security = keysKept ? DevSecurity.load(securityDir) : DevSecurity.generate(securityDir);
            integrationKey = integrationKey(securityDir.resolve(INTEGRATION_KEY_FILE), options.keepData());
        } catch (RuntimeException | Error e) {
            pgFuture.thenAccept(t -> t.value.close());
            if (kafka != null) {
                kafka.close();
            }
            throw e;
        }
        Timed<EmbeddedPostgresServer> pg;
        try {
            pg = pgFuture.join();
        } catch (CompletionException e) {
            kafka.close();
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException("starting PostgreSQL failed", cause);
        }
        LocalInfra infra = new LocalInfra(dir, pg.value, kafka, security, integrationKey,
                kafka.bootstrapServers(), pg.value.jdbcUrl(), pg.value.username(), pg.value.password(),
                pg.duration, kafkaTime, Duration.ofNanos(System.nanoTime() - t0));
        infra.writeDescription();
        ports.setProperty("postgres.port", String.valueOf(pgPort));
        ports.setProperty("kafka.port", String.valueOf(kafkaPort));
        ports.setProperty("kafka.controller.port", String.valueOf(controllerPort));
        writeProperties(dir.resolve(PORTS_FILE), ports, "ports of the last run, tried again when data is kept");
        return infra;
    }

    /** The kept plaintext key when there is one and data is kept, else a new one (written for the next run). */
    private static String integrationKey(Path file, boolean keepData) {
        try {
            if (keepData && Files.isRegularFile(file)) {
                return Files.readString(file).trim();
            }
            String key = DevSecurity.newIntegrationKey();
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, key);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int intOf(Properties p, String key) {
        try {
            return Integer.parseInt(p.getProperty(key, "0").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private record Timed<T>(T value, Duration duration) {
    }

    /**
     * One instance per JVM, rooted at {@code target/embedded-infra-<random>} under the working directory (a module's
     * directory under surefire) and stopped (its directory deleted) by a JVM shutdown hook. When another class loader
     * of the same JVM already started it, this returns a view of that instance, so every test class shares one broker
     * and one database. Its PostgreSQL is {@link EmbeddedPostgresServer.Durability#FAST_UNSAFE}: the data is deleted
     * at exit anyway, and tests should not wait for the disk.
     */
    public static synchronized LocalInfra shared() {
        if (shared != null) {
            return shared;
        }
        synchronized (JVM_WIDE_LOCK) {
            String existing = System.getProperty(SHARED_ROOT_PROPERTY);
            if (existing != null && Files.isRegularFile(Paths.get(existing, DESCRIPTION_FILE))) {
                shared = attach(Paths.get(existing));
                return shared;
            }
            Path target = Paths.get("target").toAbsolutePath();
            cleanStaleSharedRoots(target);
            Path root = target.resolve("embedded-infra-" + UUID.randomUUID().toString().substring(0, 8));
            // the unpacked PostgreSQL binaries are kept in target/ between runs (the data never is)
            LocalInfra infra = start(root, false, null, target.resolve("embedded-pg-bin"),
                    EmbeddedPostgresServer.Durability.FAST_UNSAFE);
            infra.deleteRootOnClose = true;
            Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "incidentops-local-infra-stop"));
            System.setProperty(SHARED_ROOT_PROPERTY, root.toString());
            shared = infra;
            return infra;
        }
    }

    /** A read-only view of an instance another class loader of this JVM started; {@link #close()} does nothing. */
    static LocalInfra attach(Path root) {
        Properties p = readProperties(root.resolve(DESCRIPTION_FILE));
        return new LocalInfra(root, null, null, DevSecurity.load(Paths.get(p.getProperty("security.dir"))),
                p.getProperty("integration.key"), p.getProperty("kafka.bootstrap"), p.getProperty("jdbc.url"),
                p.getProperty("jdbc.username"), p.getProperty("jdbc.password"), Duration.ZERO, Duration.ZERO,
                Duration.ZERO);
    }

    private void writeDescription() {
        Properties p = new Properties();
        p.setProperty("kafka.bootstrap", bootstrapServers);
        p.setProperty("jdbc.url", jdbcUrl);
        p.setProperty("jdbc.username", username);
        p.setProperty("jdbc.password", password);
        p.setProperty("security.dir", security.directory().toString());
        p.setProperty("integration.key", integrationKey);
        p.setProperty("owner.pid", String.valueOf(ProcessHandle.current().pid()));
        writeProperties(root.resolve(DESCRIPTION_FILE), p, "IncidentOps embedded infrastructure (local use only)");
    }

    /** The properties in {@code file}; empty when it is missing. */
    private static Properties readProperties(Path file) {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    private static void writeProperties(Path file, Properties p, String comment) {
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, comment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Removes {@code embedded-infra-*} directories whose owning JVM is gone (killed before its shutdown hook ran),
     * stopping a PostgreSQL left running there first.
     */
    static void cleanStaleSharedRoots(Path target) {
        if (!Files.isDirectory(target)) {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(target, "embedded-infra-*")) {
            for (Path dir : dirs) {
                Optional<Long> owner = readPid(dir.resolve(OWNER_FILE));
                boolean alive = owner.flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    EmbeddedPostgresServer.stopByPidFile(dir.resolve("postgres").resolve("pg-data"));
                    Files2.deleteRecursively(dir);
                }
            }
        } catch (IOException e) {
            // best effort
        }
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Configuration for a Quarkus service under test: Kafka, datasource, JWT verification (and signing, so tests can
     * use {@code Jwt...sign()}), and the {@code local} integration key's hash.
     */
    public Map<String, String> quarkusConfig() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("kafka.bootstrap.servers", bootstrapServers);
        c.put("quarkus.datasource.jdbc.url", jdbcUrl);
        c.put("quarkus.datasource.username", username);
        c.put("quarkus.datasource.password", password);
        c.put("mp.jwt.verify.publickey.location", security.publicKeyPath().toString());
        c.put("mp.jwt.verify.issuer", ISSUER);
        c.put("smallrye.jwt.sign.key.location", security.privateKeyPath().toString());
        // In dev and test mode quarkus-smallrye-jwt generates an in-memory key pair at build time (it cannot see
        // the locations above, which only exist at run time) and supplies it as mp.jwt.verify.publickey /
        // smallrye.jwt.sign.key; key content wins over a location, so the same keys are given as content too.
        c.put("mp.jwt.verify.publickey", security.publicKeyBase64());
        c.put("smallrye.jwt.sign.key", security.privateKeyBase64());
        // content + location set together makes smallrye-jwt warn (SRJWT03007) on every start; both are the same key
        c.put("quarkus.log.category.\"io.smallrye.jwt.config\".level", "ERROR");
        c.put("incidentops.security.integration-keys." + INTEGRATION_KEY_NAME, DevSecurity.sha256Hex(integrationKey));
        return Collections.unmodifiableMap(c);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public DevSecurity security() {
        return security;
    }

    /** The plaintext integration key (configured as {@code incidentops.security.integration-keys.local}). */
    public String integrationKey() {
        return integrationKey;
    }

    public Path root() {
        return root;
    }

    /** Present when this instance owns the broker (not for an attached view). */
    public Optional<KafkaBroker> kafka() {
        return Optional.ofNullable(kafka);
    }

    /** Present when the broker runs in a JVM of its own ({@link Options#brokerLog()}). */
    Optional<KafkaBrokerProcess> brokerProcess() {
        return kafka instanceof KafkaBrokerProcess process ? Optional.of(process) : Optional.empty();
    }

    /** Present when this instance owns the database server (not for an attached view). */
    public Optional<EmbeddedPostgresServer> postgres() {
        return Optional.ofNullable(postgres);
    }

    public Duration postgresStartup() {
        return postgresStartup;
    }

    public Duration kafkaStartup() {
        return kafkaStartup;
    }

    public Duration totalStartup() {
        return totalStartup;
    }

    /** Stops Kafka, then PostgreSQL; deletes the root directory for the shared instance. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed || kafka == null) {
            closed = true;
            return;
        }
        closed = true;
        try {
            kafka.close();
        } catch (Throwable e) {
            System.err.println("[incidentops-local] stopping Kafka: " + e);
        }
        try {
            postgres.close();
        } catch (Throwable e) {
            System.err.println("[incidentops-local] stopping PostgreSQL: " + e);
            EmbeddedPostgresServer.stopByPidFile(root.resolve("postgres").resolve("pg-data"));
        }
        if (deleteRootOnClose) {
            Files2.deleteRecursively(root);
        } else {
            try {
                Files.deleteIfExists(root.resolve(DESCRIPTION_FILE));
                Files.deleteIfExists(root.resolve(OWNER_FILE));
            } catch (IOException e) {
                // best effort
            }
        }
    }

    @Override
    public String toString() {
        return "LocalInfra[kafka " + bootstrapServers + ", " + jdbcUrl + ", root " + root + "]";
    }
}
