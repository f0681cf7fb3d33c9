package io.incidentops.reporter.document;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes documents into {@code incidentops.reports-dir}: a temp file in the same directory, then an atomic move, so
 * readers never see half a file. Rewriting the same name replaces it, which makes a retried resolution harmless.
 */
@ApplicationScoped
public class ReportFiles {

    @ConfigProperty(name = "incidentops.reports-dir", defaultValue = "reports")
    String reportsDir;

    public Path dir() {
        return Path.of(reportsDir).toAbsolutePath().normalize();
    }

    /** Incident IDs may be supplied by callers: only {@code [A-Za-z0-9_-]} reach a file name. */
    public static String safe(String incidentId) {
        return incidentId.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    public Path write(String fileName, String content) {
        Path dir = dir();
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(fileName);
            Path temp = Files.createTempFile(dir, ".writing-", ".tmp");
            try {
                Files.writeString(temp, content, StandardCharsets.UTF_8);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + fileName + " to " + dir, e);
        }
    }
}
