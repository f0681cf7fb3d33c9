package io.incidentops.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The stack's Kafka broker in a JVM of its own ({@link KafkaBrokerMain}, same class path as this one), so that it can
 * be killed and restarted alone, on the same ports and the same data, while the services keep running.
 */
final class KafkaBrokerProcess implements KafkaBroker {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final Path log;
    private volatile Process process;
    private boolean closed;

    private KafkaBrokerProcess(Path dataDir, int port, int controllerPort, Path log) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.log = log.toAbsolutePath();
    }

    /** Starts the broker (data kept under {@code dataDir/kafka-logs}) and returns once it answers. */
    static KafkaBrokerProcess start(Path dataDir, int port, int controllerPort, Path log) {
        KafkaBrokerProcess broker = new KafkaBrokerProcess(dataDir, port, controllerPort, log);
        broker.launch();
        return broker;
    }

    /** Stops the broker if it still runs, then starts it again on the same ports and data. */
    synchronized void restart() {
        stopProcess();
        launch();
    }

    private synchronized void launch() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
        String level = System.getProperty(QuietLogging.LEVEL_PROPERTY);
        if (level != null) {
            cmd.add("-D" + QuietLogging.LEVEL_PROPERTY + "=" + level);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), KafkaBrokerMain.class.getName(),
                dataDir.toString(), String.valueOf(port), String.valueOf(controllerPort)));
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting the Kafka broker process failed", e);
        }
        awaitReady();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with code " + process.exitValue()
                        + " during start; see " + log);
            }
            if (!accepting()) { // an Admin client asked too early backs off for up to a second
                sleep(100);
                continue;
            }
            try {
                EmbeddedKafka.awaitReady(bootstrapServers(), Duration.ofSeconds(10));
                return;
            } catch (IllegalStateException notYet) {
                // listening, not yet serving
            }
        }
        stopProcess();
        throw new IllegalStateException("the Kafka broker was not ready after " + READY_TIMEOUT + "; see " + log);
    }

    private boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    int controllerPort() {
        return controllerPort;
    }

    /** The broker JVM (dead after a {@code kill} until {@link #restart()}). */
    ProcessHandle process() {
        return process.toHandle();
    }

    /** SIGTERM (the broker shuts down cleanly in about 2 s), SIGKILL after {@link #STOP_GRACE}. */
    private void stopProcess() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            stopProcess();
        }
    }

    @Override
    public String toString() {
        return "KafkaBrokerProcess[" + bootstrapServers() + ", pid " + (process == null ? "-" : process.pid()) + "]";
    }
}
