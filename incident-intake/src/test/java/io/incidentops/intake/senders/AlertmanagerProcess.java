package io.incidentops.intake.senders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}) as a child process: its own free port,
 * clustering off, its configuration, data and log under {@code target/senders/alertmanager/run-*}. Alerts are posted to
 * its own API ({@code POST /api/v2/alerts}), as Prometheus does; it then notifies whatever its configuration names.
 * {@link #close()} stops it (SIGTERM, then SIGKILL) whatever happened.
 */
final class AlertmanagerProcess implements AutoCloseable {

    /** Where Debian installs it; {@code -Dsenders.alertmanager=...} names another binary. */
    static final String BINARY = System.getProperty("senders.alertmanager", "/usr/bin/prometheus-alertmanager");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * The oldest release that has everything the suite's configuration uses: {@code http_config.authorization}
     * and route {@code matchers} arrived in 0.22 (Debian ships 0.25).
     */
    private static final int OLDEST_MINOR = 22;
    private static final Pattern VERSION = Pattern.compile("version (\\d+)\\.(\\d+)\\.\\d+");

    private final Process process;
    private final URI url;
    private final Path log;

    private AlertmanagerProcess(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** Starts Alertmanager with {@code configYaml} and waits until it reports ready. */
    static AlertmanagerProcess start(String configYaml) throws IOException {
        requireSupportedVersion();
        Path parent = Files.createDirectories(SendersProfile.DIR.resolve("alertmanager"));
        Path dir = Files.createTempDirectory(parent, "run-"); // a fresh notification log and silences every time
        Files.createDirectories(dir.resolve("data"));
        Path config = Files.writeString(dir.resolve("alertmanager.yml"), configYaml);
        Path log = dir.resolve("alertmanager.log");
        int port = freePort();
        Process process = new ProcessBuilder(BINARY,
                "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=", // one instance: no gossip port to take
                "--log.level=debug")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        AlertmanagerProcess alertmanager = new AlertmanagerProcess(process, URI.create("http://127.0.0.1:" + port), log);
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !process.isAlive() || alertmanager.ready());
            if (!process.isAlive()) {
                throw new IllegalStateException("Alertmanager exited with " + process.exitValue() + ": see " + log);
            }
            return alertmanager;
        } catch (RuntimeException e) {
            alertmanager.close();
            throw e;
        }
    }

    /** Fails clearly when the installed Alertmanager predates what the configuration uses. */
    private static void requireSupportedVersion() throws IOException {
        Process process = new ProcessBuilder(BINARY, "--version").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        Matcher version = VERSION.matcher(output);
        boolean supported = version.find() && (Integer.parseInt(version.group(1)) > 0
                || Integer.parseInt(version.group(2)) >= OLDEST_MINOR);
        if (!supported) {
            throw new IllegalStateException(BINARY + " --version says \"" + output.strip() + "\": the suite needs 0."
                    + OLDEST_MINOR + " or later");
        }
    }

    /** Posts alerts (a JSON array of Alertmanager's {@code postableAlert}) to its v2 API; it answers 200. */
    void post(String alertsJson) {
        HttpRequest request = HttpRequest.newBuilder(url.resolve("/api/v2/alerts"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(alertsJson)).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Alertmanager refused the alerts: " + response.statusCode() + " "
                    + response.body());
        }
    }

    /** The end of its log (it logs every notification attempt at debug level): for assertion messages. */
    String log() {
        try {
            List<String> lines = Files.readAllLines(log);
            return log + ", last lines:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    private boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(url.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).orTimeout(15, TimeUnit.SECONDS).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new IllegalStateException("Alertmanager API call failed: " + request.uri(), e.getCause());
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
