package io.incidentops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The machine and the commit the figures belong to. */
final class Machine {

    private Machine() {
    }

    static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name", ':').orElse("?"));
        m.put("memoryGb", memTotalKb().map(kb -> HttpLoad.round(kb / 1048576.0, 1)).orElse(null));
        m.put("kernel", read(Path.of("/proc/sys/kernel/osrelease")).orElse(System.getProperty("os.version")));
        m.put("os", firstValue(Path.of("/etc/os-release"), "PRETTY_NAME", '=').map(v -> v.replace("\"", ""))
                .orElse(System.getProperty("os.name")));
        m.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
        m.put("loadAverageAtStart", read(Path.of("/proc/loadavg")).map(s -> String.join(" ",
                List.of(s.split(" ")).subList(0, 3))).orElse(null));
        return m;
    }

    /** Commit hash, short hash, subject and whether the work tree had changes. */
    static Map<String, Object> commit(Path repo) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hash", git(repo, "rev-parse", "HEAD").orElse("unknown"));
        m.put("short", git(repo, "rev-parse", "--short", "HEAD").orElse("unknown"));
        m.put("subject", git(repo, "log", "-1", "--format=%s").orElse(null));
        m.put("branch", git(repo, "rev-parse", "--abbrev-ref", "HEAD").orElse(null));
        m.put("dirty", git(repo, "status", "--porcelain", "--untracked-files=no").map(s -> !s.isBlank()).orElse(null));
        return m;
    }

    private static Optional<String> git(Path repo, String... args) {
        try {
            String[] cmd = new String[args.length + 3];
            cmd[0] = "git";
            cmd[1] = "-C";
            cmd[2] = repo.toString();
            System.arraycopy(args, 0, cmd, 3, args.length);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (IOException | InterruptedException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> memTotalKb() {
        return firstValue(Path.of("/proc/meminfo"), "MemTotal", ':')
                .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")));
    }

    private static Optional<String> firstValue(Path file, String key, char separator) {
        try {
            for (String line : Files.readAllLines(file)) {
                int sep = line.indexOf(separator);
                if (sep > 0 && line.substring(0, sep).trim().equals(key)) {
                    return Optional.of(line.substring(sep + 1).trim());
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return Optional.empty();
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
