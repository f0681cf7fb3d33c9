package io.incidentops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A process's RSS and CPU time from {@code /proc}, and the machine's CPU use, sampled during a workload. */
final class ProcWatch {

    /** USER_HZ: the unit of /proc CPU times (100 on every Linux this runs on). */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Long pid;
    private volatile long peakRss;
    private long startRss;
    private long startCpu;
    private long[] startMachine;
    private long startNanos;
    private Thread sampler;
    private volatile boolean running;

    ProcWatch(Long pid) {
        this.pid = pid;
    }

    /** intake's JVM: {@code INTAKE_PID} from stack.env, else the launcher's child running incident-intake's jar. */
    static Optional<Long> intakePid(StackEnv env) {
        Optional<Long> direct = env.get("INTAKE_PID").map(Long::parseLong)
                .filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false));
        if (direct.isPresent()) {
            return direct;
        }
        return env.get("STACK_PID").map(Long::parseLong).flatMap(ProcessHandle::of)
                .flatMap(stack -> stack.children()
                        .filter(c -> c.info().commandLine().orElse("").contains("incident-intake"))
                        .map(ProcessHandle::pid).findFirst());
    }

    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone
        }
        return -1;
    }

    /** utime + stime in ticks. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {total, idle} ticks of all CPUs. */
    static long[] machineTicks() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] f = lines.get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total, idle};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    void start() {
        startNanos = System.nanoTime();
        startMachine = machineTicks();
        if (pid != null) {
            startRss = rssBytes(pid);
            startCpu = cpuTicks(pid);
            peakRss = startRss;
        }
        running = true;
        sampler = new Thread(() -> {
            while (running) {
                if (pid != null) {
                    peakRss = Math.max(peakRss, rssBytes(pid));
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Intake's RSS (start, peak, end, MB) and CPU (% of one core), the machine's busy %. */
    Map<String, Object> stop() {
        running = false;
        sampler.interrupt();
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        Map<String, Object> m = new LinkedHashMap<>();
        if (pid != null) {
            long endRss = rssBytes(pid);
            peakRss = Math.max(peakRss, endRss);
            m.put("intakeRssStartMb", mb(startRss));
            m.put("intakeRssPeakMb", mb(peakRss));
            m.put("intakeRssEndMb", mb(endRss));
            long cpu = cpuTicks(pid);
            if (cpu >= 0 && startCpu >= 0) {
                double cpuSeconds = (cpu - startCpu) / TICKS_PER_SECOND;
                m.put("intakeCpuPercentOfOneCore", HttpLoad.round(100 * cpuSeconds / seconds, 0));
            }
        }
        long[] end = machineTicks();
        if (end != null && startMachine != null && end[0] > startMachine[0]) {
            double busy = 1.0 - (double) (end[1] - startMachine[1]) / (end[0] - startMachine[0]);
            m.put("machineCpuBusyPercent", HttpLoad.round(100 * busy, 0));
        }
        return m;
    }

    static double mb(long bytes) {
        return bytes < 0 ? -1 : HttpLoad.round(bytes / 1048576.0, 1);
    }
}
