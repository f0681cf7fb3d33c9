package io.incidentops.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The closed loop of (a), (b), (c) run by wrk (Debian's {@code wrk}, C with LuaJIT): the Java generator
 * ({@link HttpLoad}) burns most of a core per side on this 2-core machine and caps both sides, wrk does not. Bodies are
 * built in wrk's Lua from {@link Alerts#template} ({@link WrkScript}); the figures come from the script's
 * {@code done()} as JSON under {@code bench/target/wrk/}, beside wrk's own output ({@code .log}).
 *
 * <p>wrk has no warm-up: a first run of {@code --warmup} seconds, whose figures are dropped, then the measured run,
 * whose alert numbers start after the last one the warm-up used (distinct alerts stay distinct).
 */
final class WrkLoad {

    static final Path BINARY = Path.of("/usr/bin/wrk");
    static final int THREADS = 2;
    static final String MODE = "closed-loop (wrk)";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final String version;

    private WrkLoad(Path dir, String version) {
        this.dir = dir;
        this.version = version;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    static WrkLoad create(Path workDir) throws IOException {
        Path dir = workDir.resolve("wrk").toAbsolutePath();
        Files.createDirectories(dir);
        return new WrkLoad(dir, versionOf());
    }

    /** {@code wrk -v}'s first line without the copyright, e.g. {@code wrk debian/4.1.0-3+b2 [epoll]}. */
    private static String versionOf() {
        try {
            Process p = new ProcessBuilder(BINARY.toString(), "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(10, TimeUnit.SECONDS);
            return parseVersion(out);
        } catch (IOException | InterruptedException e) {
            return "wrk (version unknown)";
        }
    }

    static String parseVersion(String out) {
        String first = out.lines().findFirst().orElse("").trim();
        int copyright = first.indexOf(" Copyright");
        return copyright > 0 ? first.substring(0, copyright) : first.isEmpty() ? "wrk (version unknown)" : first;
    }

    String version() {
        return version;
    }

    static int threads(int connections) {
        return Math.min(THREADS, connections);
    }

    /**
     * {@code --warmup}, then {@code measure} of closed loop on {@code uri}: {@code wrk -t2 -c<connections>
     * -d<seconds>s --timeout 30s}, each body built from {@code template}.
     *
     * @param name file names under bench/target/wrk/, e.g. {@code a-intake}
     * @param pool 0: distinct alerts; n > 0: the alerts 0 .. n - 1 over and over
     */
    HttpLoad.Result closedLoop(String name, String target, URI uri, Map<String, String> headers, int pool,
            Alerts.BodyTemplate template, int connections, Duration warmup, Duration measure)
            throws IOException, InterruptedException {
        int threads = threads(connections);
        Path out = dir.resolve(name + ".json");
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Path script = dir.resolve(name + ".lua");
        Files.deleteIfExists(script);
        // owner only: it holds the integration key
        Files.createFile(script, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(script, new WrkScript(path, headers, threads, pool, template, out).lua());
        long base = 0;
        if (!warmup.isZero()) {
            JsonNode warm = run(script, out, uri, threads, connections, warmup, 0, name + "-warmup");
            base = warm.path("nextAlert").asLong();
            // the cold figure is worth seeing: a storm can hit a service whose JVM never ran this path
            System.out.printf("[bench] %s warm-up (%d s, dropped): %.0f req/s%n", name, warmup.toSeconds(),
                    warm.path("requests").asDouble() / Math.max(1e-9, warm.path("durationMicros").asDouble() / 1e6));
        }
        return result(target, connections, template.perRequest(),
                run(script, out, uri, threads, connections, measure, base, name));
    }

    private JsonNode run(Path script, Path out, URI uri, int threads, int connections, Duration duration, long base,
            String logName) throws IOException, InterruptedException {
        Files.deleteIfExists(out);
        Path log = dir.resolve(logName + ".log");
        Process p = Procs.start(new ProcessBuilder(List.of(BINARY.toString(), "-t" + threads, "-c" + connections,
                "-d" + duration.toSeconds() + "s", "--timeout", HttpLoad.TIMEOUT.toSeconds() + "s",
                "-s", script.toString(), uri.toString(), "--", Long.toString(base)))
                .redirectErrorStream(true).redirectOutput(log.toFile()));
        boolean finished = p.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS);
        Procs.stop(p);
        if (!finished || p.exitValue() != 0 || !Files.isRegularFile(out)) {
            String said = Files.isRegularFile(log) ? Files.readString(log).strip() : "";
            throw new IOException("wrk " + (finished ? "exited with " + p.exitValue() : "did not finish")
                    + " and wrote no figures (" + log + "): " + said.substring(Math.max(0, said.length() - 500)));
        }
        return JSON.readTree(out.toFile());
    }

    /**
     * The figures of the script's {@code done()} as the Java generator reports them. wrk counts answers with a
     * status >= 400 but not which status: they are "4xx or 5xx". {@code requests} = answers + socket errors (as in the
     * Java generator, a request with no answer counts as a request); {@code errors} = socket errors + timeouts.
     */
    static HttpLoad.Result result(String target, int connections, int alertsPerRequest, JsonNode j) {
        JsonNode e = j.path("errors");
        long answers = j.path("requests").asLong();
        long notOk = e.path("status").asLong();
        long socket = e.path("connect").asLong() + e.path("read").asLong() + e.path("write").asLong();
        long timeouts = e.path("timeout").asLong();
        Map<String, Long> statuses = new TreeMap<>();
        if (answers > notOk) {
            statuses.put("2xx or 3xx", answers - notOk);
        }
        if (notOk > 0) {
            statuses.put("4xx or 5xx", notOk);
        }
        String firstError = notOk + socket + timeouts == 0 ? null : String.format(
                "wrk: %d answers with status >= 400; socket errors: connect %d, read %d, write %d; %d timeouts "
                        + "(wrk keeps no status codes nor bodies; see intake's log)", notOk,
                e.path("connect").asLong(), e.path("read").asLong(), e.path("write").asLong(), timeouts);
        long requests = answers + socket;
        long alerts = (answers - notOk) * alertsPerRequest;
        double seconds = Math.max(1e-9, j.path("durationMicros").asLong() / 1e6);
        JsonNode l = j.path("latencyMicros");
        LatencyStats latency = answers == 0 ? LatencyStats.of(LatencyStats.newHistogram())
                : LatencyStats.ofMicros(answers, l.path("p50").asLong(), l.path("p90").asLong(), l.path("p99").asLong(),
                        l.path("p999").asLong(), l.path("max").asLong(), l.path("mean").asDouble());
        return new HttpLoad.Result(target, MODE, connections, HttpLoad.round(seconds, 2), requests, alerts, statuses,
                socket + timeouts, firstError, HttpLoad.round(requests / seconds, 1),
                HttpLoad.round(alerts / seconds, 1), latency, null, null, null, null, null);
    }
}
