package io.incidentops.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code target/stack.processes}: what the launcher runs, one process a line, {@code NAME PID PORT KIND STARTED}
 * (tab-separated; KIND is {@code postgres}, {@code kafka} or {@code service}; STARTED the process' start time in epoch
 * milliseconds, so that a pid used again by an unrelated process is never taken for ours). {@code stack.sh} reads it
 * for {@code status}, {@code kill} and {@code freeze}; {@code reaper.sh} stops what it lists when the launcher dies
 * without doing so itself; the next launcher does the same if even the reaper is gone.
 */
final class ProcessTable {

    record Entry(String name, long pid, int port, String kind) {
    }

    private final Path file;

    ProcessTable(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Replaces the table (atomically: readers never see half a file). */
    synchronized void write(List<Entry> entries) {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            long started = ProcessHandle.of(e.pid()).flatMap(p -> p.info().startInstant()).map(Instant::toEpochMilli)
                    .orElse(0L);
            sb.append(e.name()).append('\t').append(e.pid()).append('\t').append(e.port()).append('\t')
                    .append(e.kind()).append('\t').append(started).append('\n');
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, sb);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort
        }
    }

    /**
     * Stops the processes a dead launcher left behind (services first, then the broker and PostgreSQL), if the table
     * is still there; returns their names.
     */
    List<String> stopLeftovers() {
        List<String> stopped = new ArrayList<>();
        List<ProcessHandle> services = new ArrayList<>();
        List<ProcessHandle> infra = new ArrayList<>();
        for (String line : lines()) {
            String[] f = line.split("\t");
            if (f.length < 5) {
                continue;
            }
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(f[1])).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().startInstant().map(Instant::toEpochMilli)
                            .map(ms -> ms == Long.parseLong(f[4])).orElse(false));
            process.ifPresent(p -> {
                stopped.add(f[0]);
                (f[3].equals("service") ? services : infra).add(p);
            });
        }
        terminate(services);
        terminate(infra);
        delete();
        return stopped;
    }

    private List<String> lines() {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** SIGCONT (one may be frozen), SIGTERM, then SIGKILL after 15 s. */
    private static void terminate(List<ProcessHandle> processes) {
        for (ProcessHandle p : processes) {
            Signals.send("CONT", p.pid());
            p.destroy();
        }
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }
}
