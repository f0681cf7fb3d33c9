package io.incidentops.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;


/**
 * Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}) as the peer to compare with: started on a free
 * loopback port, clustering off, data and config under {@code bench/target/alertmanager}, one receiver that sends
 * nowhere. It receives the same alerts on its own API ({@code POST /api/v2/alerts}, what Prometheus uses).
 */
final class AlertmanagerPeer implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

    /** The route groups like intake's default grouping key (service + team); the receiver has no integration. */
    static final String CONFIG = """
            # written by bench/: alerts are accepted, grouped and dropped (the receiver has no integration)
            route:
              receiver: nowhere
              group_by: ['service', 'team']
              group_wait: 30s
              group_interval: 5m
              repeat_interval: 4h
            receivers:
              - name: nowhere
            """;

    private final Process process;
    private final URI base;
    private final String version;

    private AlertmanagerPeer(Process process, URI base, String version) {
        this.process = process;
        this.base = base;
        this.version = version;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    static AlertmanagerPeer start(Path workDir) throws IOException, InterruptedException {
        Path dir = workDir.resolve("alertmanager");
        Files2.deleteRecursively(dir.resolve("data"));
        Files.createDirectories(dir.resolve("data"));
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, CONFIG);
        String version = versionOf();
        int port = freePort();
        Process p = Procs.start(new ProcessBuilder(BINARY.toString(),
                "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=", // no gossip port, no HA peers
                "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile()));
        URI base = URI.create("http://127.0.0.1:" + port);
        AlertmanagerPeer peer = new AlertmanagerPeer(p, base, version);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("Alertmanager exited with " + p.exitValue() + "; see "
                        + dir.resolve("alertmanager.log"));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(base.resolve("/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return peer;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        peer.close();
        throw new IOException("Alertmanager not ready after 30 s; see " + dir.resolve("alertmanager.log"));
    }

    private static String versionOf() {
        try {
            Process p = new ProcessBuilder(BINARY.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(10, TimeUnit.SECONDS);
            return out.lines().findFirst().orElse("?").trim();
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    URI alertsUri() {
        return base.resolve("/api/v2/alerts");
    }

    String version() {
        return version;
    }

    /**
     * Alerts Alertmanager holds now, from its own {@code alertmanager_alerts} gauges on {@code /metrics} (reading
     * {@code GET /api/v2/alerts} after a storm means parsing hundreds of megabytes).
     */
    Optional<Integer> alertCount() {
        try {
            HttpResponse<java.util.stream.Stream<String>> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    base.resolve("/metrics")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofLines());
            try (java.util.stream.Stream<String> lines = r.body()) {
                double total = lines.filter(l -> l.startsWith("alertmanager_alerts{"))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
                return Optional.of((int) total);
            }
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        Procs.stop(process);
    }
}
