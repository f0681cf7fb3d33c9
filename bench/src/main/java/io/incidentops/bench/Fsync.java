package io.incidentops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The disk's sync speed, which bounds a durable database's commits: PostgreSQL's {@code pg_test_fsync} (Debian's
 * {@code postgresql-NN} packages) on a file in the results directory, one second per method.
 */
final class Fsync {

    private static final Pattern METHOD = Pattern.compile("^\\s+(\\S+)\\s+([0-9.]+) ops/sec\\s+([0-9]+) usecs/op");

    private Fsync() {
    }

    static Optional<Path> binary() {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin/pg_test_fsync")).filter(Files::isExecutable)
                    .max(Path::compareTo);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Measures, or says why it did not. */
    static Map<String, Object> measure(Path dir) {
        Map<String, Object> m = new LinkedHashMap<>();
        Optional<Path> bin = binary();
        if (bin.isEmpty()) {
            m.put("skipped", "pg_test_fsync not found (/usr/lib/postgresql/*/bin; apt-get install postgresql)");
            return m;
        }
        Path file = dir.resolve(".pg_test_fsync.tmp");
        try {
            Files.createDirectories(dir);
            Process p = Procs.start(new ProcessBuilder(bin.get().toString(), "--secs-per-test=1",
                    "--filename=" + file).redirectErrorStream(true));
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                Procs.stop(p);
                m.put("skipped", "pg_test_fsync did not finish in 120 s");
                return m;
            }
            Procs.stop(p);
            m.put("tool", bin.get().toString());
            m.put("file", file.getParent().toString());
            m.putAll(parse(out));
        } catch (IOException | InterruptedException e) {
            m.put("skipped", "pg_test_fsync failed: " + e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // best effort
            }
        }
        return m;
    }

    /**
     * From pg_test_fsync's first section (one 8 kB write then sync, in each method): each method's ops/s and µs/op,
     * and {@code fdatasync}'s (Linux's default {@code wal_sync_method}) as the headline.
     */
    static Map<String, Object> parse(String output) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> methods = new ArrayList<>();
        boolean inFirst = false;
        for (String line : output.split("\n")) {
            if (line.startsWith("Compare file sync methods using one 8kB write")) {
                inFirst = true;
                continue;
            }
            if (inFirst && line.startsWith("Compare")) {
                break;
            }
            Matcher x = METHOD.matcher(line);
            if (inFirst && x.find()) {
                Map<String, Object> method = new LinkedHashMap<>();
                method.put("method", x.group(1));
                method.put("opsPerSecond", Double.parseDouble(x.group(2)));
                method.put("microsPerOp", Long.parseLong(x.group(3)));
                methods.add(method);
                if (x.group(1).equals("fdatasync")) {
                    m.put("fdatasyncMicros", Long.parseLong(x.group(3)));
                    m.put("fdatasyncOpsPerSecond", Double.parseDouble(x.group(2)));
                }
            }
        }
        if (methods.isEmpty()) {
            m.put("skipped", "could not read pg_test_fsync's output: "
                    + output.substring(0, Math.min(300, output.length())));
        }
        m.put("oneWriteSync", methods);
        return m;
    }
}
