package io.incidentops.reporter.mttr;

import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Severity;
import io.incidentops.platform.transaction.AfterCommit;
import io.incidentops.reporter.support.Formats;
import io.incidentops.reporter.timeline.IncidentSummary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Computes, stores and aggregates MTTR breakdowns and their SLA results. */
@ApplicationScoped
@Transactional
public class MttrService {

    @Inject
    SlaPolicy sla;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @Inject
    AfterCommit afterCommit;

    /** On {@code incident.resolved}: timestamps of the event first, the summary's where the event has none. */
    public MttrResult computeOnResolution(IncidentSummary summary, IncidentResolved resolved, Instant eventTime) {
        MttrBreakdown.Checkpoints checkpoints = new MttrBreakdown.Checkpoints(
                first(resolved.startedAt(), summary.startedAt),
                first(resolved.detectedAt(), summary.detectedAt),
                first(resolved.acknowledgedAt(), summary.acknowledgedAt),
                first(resolved.mitigatedAt(), summary.mitigatedAt),
                first(resolved.resolvedAt(), summary.recoveredAt, eventTime));
        Severity severity = resolved.severity() != null ? resolved.severity() : summary.severity;
        MttrBreakdown mttr = MttrBreakdown.of(checkpoints);
        SlaPolicy.Result result = sla.evaluate(severity, mttr);

        MttrResult row = MttrResult.find(summary.incidentId).orElseGet(MttrResult::new);
        boolean isNew = row.incidentId == null;
        row.incidentId = summary.incidentId;
        row.severity = severity;
        row.type = resolved.type() != null ? resolved.type() : summary.type;
        row.startedAt = checkpoints.startedAt();
        row.detectedAt = checkpoints.detectedAt();
        row.acknowledgedAt = checkpoints.acknowledgedAt();
        row.mitigatedAt = checkpoints.mitigatedAt();
        row.resolvedAt = checkpoints.resolvedAt();
        row.detectionSeconds = Formats.seconds(mttr.detection());
        row.responseSeconds = Formats.seconds(mttr.response());
        row.mitigationSeconds = Formats.seconds(mttr.mitigation());
        row.resolutionSeconds = Formats.seconds(mttr.resolution());
        row.totalSeconds = Formats.seconds(mttr.total());
        row.responseTargetSeconds = Formats.seconds(result.targets().response());
        row.resolutionTargetSeconds = Formats.seconds(result.targets().resolution());
        row.slaMet = result.met();
        row.slaMissed = String.join(",", result.missed());
        row.computedAt = Instant.now(clock);
        if (isNew) row.persist();

        String tag = severity == null ? "unknown" : severity.name();
        afterCommit.run(() -> recordMetrics(tag, mttr, result));
        return row;
    }

    /** A reopened incident has no MTTR until it is resolved again. */
    public void forget(String incidentId) {
        MttrResult.deleteById(incidentId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<MttrResult> find(String incidentId) {
        return MttrResult.find(incidentId);
    }

    /** Aggregates over the incidents resolved in [since, until), overall, by severity and by type. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Aggregate aggregate(Instant since, Instant until) {
        return Aggregate.withBreakdowns(
                MttrResult.list("resolvedAt >= ?1 and resolvedAt < ?2 order by resolvedAt", since, until));
    }

    /**
     * One aggregate per week (Monday 00:00 UTC to the next), the {@code weeks} weeks up to and including the current
     * one, oldest first; every week is listed, an empty one with count 0. One query for the whole range.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Week> weekly(int weeks) {
        LocalDate monday = LocalDate.now(clock.withZone(ZoneOffset.UTC)).with(DayOfWeek.MONDAY);
        Instant first = monday.minusWeeks(weeks - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = monday.plusWeeks(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<MttrResult> rows = MttrResult.list("resolvedAt >= ?1 and resolvedAt < ?2 order by resolvedAt", first, end);
        List<Week> result = new ArrayList<>();
        for (int w = 0; w < weeks; w++) {
            Instant since = first.plus(Duration.ofDays(7L * w));
            Instant until = since.plus(Duration.ofDays(7));
            result.add(new Week(since, until, Aggregate.withBreakdowns(rows.stream()
                    .filter(r -> !r.resolvedAt.isBefore(since) && r.resolvedAt.isBefore(until)).toList())));
        }
        return result;
    }

    public record Week(Instant since, Instant until, Aggregate overall) {
    }

    public record Stat(long count, Duration mean, Duration median) {
        static Stat of(List<MttrResult> rows, Function<MttrResult, Long> seconds) {
            List<Long> values = new ArrayList<>();
            rows.forEach(r -> {
                Long v = seconds.apply(r);
                if (v != null) values.add(v);
            });
            if (values.isEmpty()) return new Stat(0, null, null);
            values.sort(Long::compare);
            double mean = values.stream().mapToLong(Long::longValue).average().orElse(0);
            int n = values.size();
            double median = n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2.0;
            return new Stat(n, Duration.ofSeconds(Math.round(mean)), Duration.ofSeconds(Math.round(median)));
        }
    }

    public record Aggregate(long count, long slaMet, long slaMissed, Double slaMetRatio, Map<String, Stat> phases,
                            Map<String, Aggregate> bySeverity, Map<String, Aggregate> byType) {

        static Aggregate withBreakdowns(List<MttrResult> rows) {
            Map<String, Aggregate> bySeverity = new LinkedHashMap<>();
            for (Severity s : Severity.values()) {
                List<MttrResult> of = rows.stream().filter(r -> r.severity == s).toList();
                if (!of.isEmpty()) bySeverity.put(s.name(), of(of));
            }
            Map<String, Aggregate> byType = new LinkedHashMap<>();
            for (IncidentType t : IncidentType.values()) {
                List<MttrResult> of = rows.stream().filter(r -> r.type == t).toList();
                if (!of.isEmpty()) byType.put(t.name(), of(of));
            }
            return of(rows, bySeverity, byType);
        }

        static Aggregate of(List<MttrResult> rows) {
            return of(rows, Map.of(), Map.of());
        }

        private static Aggregate of(List<MttrResult> rows, Map<String, Aggregate> bySeverity,
                                    Map<String, Aggregate> byType) {
            long met = rows.stream().filter(r -> r.slaMet).count();
            Map<String, Stat> phases = new LinkedHashMap<>();
            phases.put("total", Stat.of(rows, r -> r.totalSeconds));
            phases.put("detection", Stat.of(rows, r -> r.detectionSeconds));
            phases.put("response", Stat.of(rows, r -> r.responseSeconds));
            phases.put("mitigation", Stat.of(rows, r -> r.mitigationSeconds));
            phases.put("resolution", Stat.of(rows, r -> r.resolutionSeconds));
            return new Aggregate(rows.size(), met, rows.size() - met,
                    rows.isEmpty() ? null : (double) met / rows.size(), phases, bySeverity, byType);
        }
    }

    private void recordMetrics(String severity, MttrBreakdown mttr, SlaPolicy.Result result) {
        phase("detection", severity, mttr.detection());
        phase("response", severity, mttr.response());
        phase("mitigation", severity, mttr.mitigation());
        phase("resolution", severity, mttr.resolution());
        phase("total", severity, mttr.total());
        Counter.builder("incidentops.reporter.sla.results").description("SLA results of resolved incidents")
                .tag("severity", severity).tag("result", result.met() ? "met" : "missed")
                .register(registry).increment();
    }

    private void phase(String phase, String severity, Duration value) {
        if (value == null) return;
        Timer.builder("incidentops.reporter.mttr.phase").description("MTTR phase durations of resolved incidents")
                .tag("phase", phase).tag("severity", severity)
                .register(registry).record(value);
    }

    private static Instant first(Instant... candidates) {
        for (Instant c : candidates) {
            if (c != null) return c;
        }
        return null;
    }
}
