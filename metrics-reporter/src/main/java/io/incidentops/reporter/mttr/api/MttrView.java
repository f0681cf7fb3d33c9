package io.incidentops.reporter.mttr.api;

import io.incidentops.events.model.Severity;
import io.incidentops.reporter.mttr.MttrBreakdown;
import io.incidentops.reporter.mttr.MttrResult;
import io.incidentops.reporter.mttr.MttrService;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON shapes of the MTTR endpoints: every duration both as ISO-8601 and in seconds. */
public final class MttrView {

    private MttrView() {
    }

    public record Span(String duration, long seconds) {
        static Span of(Duration d) {
            return d == null ? null : new Span(d.toString(), d.getSeconds());
        }
    }

    public record Timestamps(Instant startedAt, Instant detectedAt, Instant acknowledgedAt, Instant mitigatedAt,
                             Instant resolvedAt) {
    }

    public record Target(Span response, Span resolution) {
    }

    public record Sla(Severity severity, Target target, boolean met, List<String> missed, String result) {
    }

    public record Incident(String incidentId, Severity severity, Timestamps timestamps, Map<String, Span> phases,
                           Sla sla, Instant computedAt) {
        static Incident of(MttrResult r) {
            MttrBreakdown b = r.breakdown();
            Map<String, Span> phases = new LinkedHashMap<>();
            phases.put("detection", Span.of(b.detection()));
            phases.put("response", Span.of(b.response()));
            phases.put("mitigation", Span.of(b.mitigation()));
            phases.put("resolution", Span.of(b.resolution()));
            phases.put("total", Span.of(b.total()));
            Target target = new Target(Span.of(seconds(r.responseTargetSeconds)), Span.of(seconds(r.resolutionTargetSeconds)));
            return new Incident(r.incidentId, r.severity,
                    new Timestamps(r.startedAt, r.detectedAt, r.acknowledgedAt, r.mitigatedAt, r.resolvedAt), phases,
                    new Sla(r.severity, target, r.slaMet, r.missedList(), r.slaMet ? "SLA Met" : "SLA Missed"),
                    r.computedAt);
        }
    }

    public record Stat(long count, Span mean, Span median) {
    }

    public record Aggregate(long count, Long slaMet, Long slaMissed, Double slaMetRatio, Map<String, Stat> phases,
                            Map<String, Aggregate> bySeverity, Map<String, Aggregate> byType) {
        static Aggregate of(MttrService.Aggregate a) {
            Map<String, Stat> phases = new LinkedHashMap<>();
            a.phases().forEach((k, v) -> phases.put(k, new Stat(v.count(), Span.of(v.mean()), Span.of(v.median()))));
            return new Aggregate(a.count(), a.slaMet(), a.slaMissed(), a.slaMetRatio(), phases, of(a.bySeverity()),
                    of(a.byType()));
        }

        private static Map<String, Aggregate> of(Map<String, MttrService.Aggregate> breakdown) {
            Map<String, Aggregate> views = new LinkedHashMap<>();
            breakdown.forEach((k, v) -> views.put(k, of(v)));
            return views;
        }
    }

    public record Report(Instant since, Instant until, Aggregate overall) {
        static Report of(MttrService.Week w) {
            return new Report(w.since(), w.until(), Aggregate.of(w.overall()));
        }
    }

    /** The trend: one report per week, oldest first. */
    public record Weekly(List<Report> weeks) {
    }

    private static Duration seconds(Long s) {
        return s == null ? null : Duration.ofSeconds(s);
    }
}
