package io.incidentops.kubernetes;

import java.nio.file.Files;
import java.nio.file.Path;

/** The two overlays an operator applies, each rendered once per test run. */
enum Overlay {
    DEV, PROD;

    private Manifests manifests;

    /** {@code deploy/kubernetes}: the module directory, where Maven runs the tests. */
    static Path kubernetesDir() {
        Path dir = Path.of("").toAbsolutePath();
        if (!Files.isDirectory(dir.resolve("overlays"))) {
            throw new IllegalStateException("run from deploy/kubernetes (no overlays/ under " + dir + ")");
        }
        return dir;
    }

    Path dir() {
        return kubernetesDir().resolve("overlays").resolve(name().toLowerCase());
    }

    synchronized Manifests manifests() {
        if (manifests == null) {
            manifests = Manifests.load(Kustomize.render(dir()));
        }
        return manifests;
    }

    boolean highlyAvailable() {
        return this == PROD;
    }
}
