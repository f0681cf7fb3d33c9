package io.incidentops.intake.senders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The vendors' own Node.js clients, pinned, installed by npm into {@code target/senders/node} (once: a later run
 * with the same versions reuses them), and the small scripts of {@code src/test/resources/senders} that drive them.
 * Each script prints one JSON line: what the client handed back to its caller.
 */
final class NodeSenders {

    /** The clients and their exact versions (issue #10 item 9). */
    private static final Map<String, String> CLIENTS = Map.of("@pagerduty/pdjs", "2.2.4", "opsgenie-sdk", "0.5.1");

    private static final Path DIR = SendersProfile.DIR.resolve("node");
    private static final AtomicInteger RUNS = new AtomicInteger();

    /** What a script printed and how it ended. */
    record Result(int exitCode, String stdout, Path log) {
        boolean succeeded() {
            return exitCode == 0;
        }
    }

    private NodeSenders() {
    }

    /** Installs the pinned clients unless they are already there. */
    static synchronized void install() throws IOException {
        if (CLIENTS.entrySet().stream().allMatch(c -> installed(c.getKey(), c.getValue()))) {
            return;
        }
        Files.createDirectories(DIR);
        Files.writeString(DIR.resolve("package.json"), "{\"name\":\"incidentops-senders\",\"private\":true}\n");
        List<String> command = new ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund", "--save-exact"));
        CLIENTS.forEach((name, version) -> command.add(name + "@" + version));
        int exit = run(command, Map.of(), DIR.resolve("npm-install.log"), 300);
        if (exit != 0) {
            throw new IllegalStateException("npm install failed (" + exit + "): see " + DIR.resolve("npm-install.log"));
        }
    }

    /**
     * Runs {@code script} (a file of {@code src/test/resources/senders}) with node, {@code env} added to its
     * environment (credentials go there, not on the command line) and {@code arguments}.
     */
    static Result run(String script, Map<String, String> env, String... arguments) {
        Path log = DIR.resolve("runs/" + RUNS.incrementAndGet() + "-" + script + ".log");
        Path stdout = log.resolveSibling(log.getFileName() + ".out");
        List<String> command = new ArrayList<>(List.of("node", script(script).toString()));
        command.addAll(List.of(arguments));
        Map<String, String> environment = new java.util.HashMap<>(env);
        environment.put("NODE_PATH", DIR.resolve("node_modules").toString());
        environment.put("NODE_EXTRA_CA_CERTS", SendersProfile.CERTIFICATE.toString());
        try {
            Files.createDirectories(log.getParent());
            int exit = run(command, environment, log, stdout, 120);
            return new Result(exit, Files.readString(stdout).trim(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean installed(String name, String version) {
        Path manifest = DIR.resolve("node_modules").resolve(name).resolve("package.json");
        try {
            return Files.isRegularFile(manifest) && Files.readString(manifest).contains("\"version\": \"" + version + "\"");
        } catch (IOException e) {
            return false;
        }
    }

    private static Path script(String name) {
        try {
            return Path.of(NodeSenders.class.getResource("/senders/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("no script src/test/resources/senders/" + name, e);
        }
    }

    private static int run(List<String> command, Map<String, String> env, Path log, int timeoutSeconds)
            throws IOException {
        return run(command, env, log, log, timeoutSeconds);
    }

    /** Runs a command in {@link #DIR}; stops it (and its children) when it overruns. */
    private static int run(List<String> command, Map<String, String> env, Path stderr, Path stdout, int timeoutSeconds)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(DIR.toFile());
        builder.environment().putAll(env);
        if (stderr.equals(stdout)) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(stderr.toFile());
        }
        Process process = builder.redirectOutput(stdout.toFile()).start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(command.get(1) + " did not end within " + timeoutSeconds + " s: " + stderr);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
