package io.incidentops.kubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a kustomization with the machine's {@code kubectl kustomize}, offline. Needs kubectl with kustomize v5
 * (kubectl 1.27+): Debian's kubernetes-client 1.20 carries a kustomize that does not know components or
 * {@code labels}. {@code KUBECTL} may name another binary.
 */
final class Kustomize {
    private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("\"kustomizeVersion\"\\s*:\\s*\"v(\\d+)\\.");
    private static final String INSTALL_HINT = "install kubectl 1.32 (kustomize v5) and put it on PATH, or set KUBECTL"
            + " (the CI machines have it preinstalled; Debian's kubernetes-client 1.20 is too old)";

    private Kustomize() {
    }

    static String render(Path kustomization) {
        checkVersion();
        return run(List.of(kubectl(), "kustomize", kustomization.toString()));
    }

    private static void checkVersion() {
        String json = run(List.of(kubectl(), "version", "--client", "-o", "json"));
        Matcher m = KUSTOMIZE_VERSION.matcher(json);
        if (!m.find() || Integer.parseInt(m.group(1)) < 5) {
            throw new IllegalStateException("kubectl's kustomize is older than v5 (" + json.strip() + "): " + INSTALL_HINT);
        }
    }

    private static String kubectl() {
        String configured = System.getenv("KUBECTL");
        return configured == null || configured.isBlank() ? "kubectl" : configured;
    }

    private static String run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + " (" + e.getMessage() + "): " + INSTALL_HINT, e);
        }
        try {
            // read both streams before waiting: a full pipe would block kubectl
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 2 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n"
                        + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
