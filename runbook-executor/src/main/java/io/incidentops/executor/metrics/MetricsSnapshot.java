package io.incidentops.executor.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What Prometheus said about a service over an incident's window {@code [from, to]}. {@code configured} false: no
 * Prometheus URL, nothing was asked. {@code service} null: the incident names no service.
 */
public record MetricsSnapshot(boolean configured, String service, Instant from, Instant to, List<FigureReading> figures) {

    /**
     * One figure: {@code now} over the window (or at {@code to} for saturation), and for compared figures the same
     * window 1 day ({@code dayBefore}) and 7 days ({@code weekBefore}) earlier.
     */
    public record FigureReading(String name, String label, Figure.Unit unit, Reading now, Reading dayBefore,
                                Reading weekBefore) {
    }

    public static MetricsSnapshot notConfigured(String service) {
        return new MetricsSnapshot(false, service, null, null, List.of());
    }

    public Optional<FigureReading> figure(Figure figure) {
        return figures.stream().filter(f -> f.name().equals(figure.key())).findFirst();
    }
}
