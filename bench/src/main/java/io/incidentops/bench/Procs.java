package io.incidentops.bench;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Every process the benchmark starts, stopped when it ends, normally or on Ctrl-C (a JVM shutdown hook). */
final class Procs {

    private static final List<Process> STARTED = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Procs::stopAll, "bench-stop-processes"));
    }

    private Procs() {
    }

    static Process start(ProcessBuilder pb) throws java.io.IOException {
        Process p = pb.start();
        STARTED.add(p);
        return p;
    }

    /** SIGTERM, then SIGKILL after 10 s. */
    static void stop(Process p) {
        if (p == null) {
            return;
        }
        try {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            STARTED.remove(p);
        }
    }

    static void stopAll() {
        for (Process p : STARTED) {
            stop(p);
        }
    }
}
