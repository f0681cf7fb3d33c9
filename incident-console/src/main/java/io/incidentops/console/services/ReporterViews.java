package io.incidentops.console.services;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** metrics-reporter's JSON as the console reads it: the timeline and weekly MTTR/SLA figures. */
public final class ReporterViews {

    private ReporterViews() {
    }

    public record Timeline(String incidentId, List<Entry> entries) {
    }

    public record Entry(UUID eventId, String type, Instant occurredAt, String source, String description) {
    }

    public record Weekly(List<Week> weeks) {
    }

    public record Week(Instant since, Instant until, Aggregate overall) {
    }

    public record Aggregate(long count, Long slaMet, Long slaMissed, Double slaMetRatio, Map<String, Stat> phases,
                            Map<String, Aggregate> bySeverity, Map<String, Aggregate> byType) {
    }

    public record Stat(long count, Span mean, Span median) {
    }

    public record Span(String duration, long seconds) {
    }
}
