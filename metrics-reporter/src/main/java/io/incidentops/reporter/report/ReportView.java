package io.incidentops.reporter.report;

import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.Severity;
import io.incidentops.reporter.mttr.MttrBreakdown;
import io.incidentops.reporter.mttr.MttrResult;
import io.incidentops.reporter.mttr.SlaPolicy;
import io.incidentops.reporter.support.Formats;
import io.incidentops.reporter.timeline.AlertTally;
import io.incidentops.reporter.timeline.IncidentSummary;
import io.incidentops.reporter.timeline.IncidentSummary.MitigationUse;
import io.incidentops.reporter.timeline.Reopening;
import io.incidentops.reporter.timeline.TimelineEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything a report or PIR shows, as display strings (never null). Text is raw: the Markdown templates escape it
 * with {@code .md}, the HTML template through Qute's auto-escaping.
 */
public record ReportView(String incidentId, String title, String description, String severity, String severityText,
                         String status, String service, String type, String duration, String mttr,
                         List<Line> keyTimeline, List<Line> eventLog, String customerImpact, String rootCause,
                         boolean rootCauseKnown, List<String> mitigations, String affectedUsers, String errorRatePeak,
                         String latencyPeak, String changes, String thirdParty,
                         MttrBlock mttrBlock, List<String> runbooks, List<String> responders, String commander,
                         String alerts, String reopened, List<String> reopenings, String generatedAt) {

    public record Line(String time, String type, String text) {
    }

    /** A line of the key timeline before formatting, so that the lines can be put in time order. */
    private record Key(Instant at, String text) {
    }

    /** Seed step 9's block. */
    public record MttrBlock(String detection, String response, String mitigation, String resolution, String total,
                            String severity, String target, boolean met, String status, List<String> missed) {
    }

    public static ReportView of(IncidentSummary s, MttrResult m, List<TimelineEntry> entries, SlaPolicy.Targets targets,
                                Instant now) {
        MttrBreakdown b = m.breakdown();
        Optional<Severity> severity = Optional.ofNullable(s.severity);
        String sev = severity.map(Enum::name).orElse("unknown");

        List<Key> keys = new ArrayList<>();
        MttrBreakdown.Checkpoints c = b.checkpoints();
        if (c.startedAt() != null && !c.startedAt().equals(c.detectedAt())) {
            keys.add(new Key(c.startedAt(), "Impact started"));
        }
        if (c.detectedAt() != null) {
            keys.add(new Key(c.detectedAt(), "Incident detected via " + or(s.alertSource, "an unknown source")));
        }
        Instant assembled = c.acknowledgedAt() != null ? c.acknowledgedAt() : firstOf(entries, "incident.responders-paged");
        if (assembled != null) {
            keys.add(new Key(assembled, "Incident declared, team assembled"
                    + (s.acknowledgedBy == null ? "" : " (first responder: " + s.acknowledgedBy + ")")));
        }
        if (c.mitigatedAt() != null) {
            keys.add(new Key(c.mitigatedAt(), "Mitigation implemented: " + lastApplied(s).map(ReportView::mitigationText)
                    .orElse("recorded by intake")));
        }
        List<Reopening> reopenings = Reopening.of(entries);
        for (Reopening r : reopenings) {
            if (r.resolvedBefore() != null) keys.add(new Key(r.resolvedBefore(), "Incident resolved (reopened later)"));
            keys.add(new Key(r.at(), "Incident reopened: " + or(r.reason(), "no reason given")));
        }
        keys.add(new Key(c.resolvedAt(), "Service fully recovered"));
        // in time order (a stable sort: lines at the same time keep the order above)
        List<Line> key = keys.stream().sorted(Comparator.comparing(Key::at, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(k -> line(k.at(), k.text())).toList();

        List<Line> log = entries.stream()
                .map(e -> new Line(Formats.time(e.occurredAt), e.type, e.description)).toList();

        List<String> mitigations = s.mitigationList().stream()
                .map(u -> ("applied".equals(u.outcome()) ? "Applied" : "Failed") + " at " + Formats.time(u.at()) + ": "
                        + mitigationText(u))
                .toList();
        List<String> runbooks = s.runbookList().stream()
                .map(r -> or(r.name(), "unnamed runbook") + (r.version() == null ? "" : " v" + r.version())
                        + " (" + or(r.outcome(), "started") + ")")
                .toList();
        List<String> responders = s.responderList().stream()
                .map(p -> p.name() + " (" + p.role() + ")" + (p.contact() == null ? "" : " — " + p.contact()))
                .toList();

        List<String> missed = new ArrayList<>();
        for (String target : m.missedList()) {
            if (SlaPolicy.RESPONSE.equals(target)) {
                missed.add("response " + (b.response() == null ? "never acknowledged" : "took " + Formats.duration(b.response()))
                        + ", target ≤ " + Formats.duration(targets.response()));
            } else {
                missed.add("resolution took " + Formats.duration(b.total()) + ", target ≤ "
                        + Formats.duration(targets.resolution()));
            }
        }
        MttrBlock block = new MttrBlock(Formats.duration(b.detection()), Formats.duration(b.response()),
                Formats.duration(b.mitigation()), Formats.duration(b.resolution()), Formats.duration(b.total()), sev,
                targets.text(), m.slaMet, m.slaMet ? "✅ SLA Met" : "❌ SLA Missed", missed);

        Duration open = c.detectedAt() == null ? b.total() : positive(Duration.between(c.detectedAt(), c.resolvedAt()));
        return new ReportView(s.incidentId, or(s.title, s.incidentId), or(s.description, ""), sev,
                severity.map(v -> v.label() + " — " + v.description()).orElse("unknown"),
                titleCase((s.status == null ? IncidentStatus.RESOLVED : s.status).name()), or(s.service, "unknown"),
                s.type == null ? "unknown" : s.type.label(), Formats.duration(open), Formats.duration(b.total()), key, log,
                or(s.customerImpact, "unknown"), or(s.rootCause, "Not determined yet; to be established in the post-incident review."),
                s.rootCause != null, mitigations, or(s.affectedUsers, "unknown"), or(s.errorRate, "unknown"),
                or(s.latency, "unknown"), or(s.changes, "unknown"), or(s.thirdParty, "unknown"), block,
                runbooks, responders, or(s.commander, "TBD"), AlertTally.of(entries).text(),
                reopenings.isEmpty() ? "" : times(reopenings.size()),
                reopenings.stream().map(r -> Formats.time(r.at()) + ": " + or(r.reason(), "no reason given")).toList(),
                Formats.time(now));
    }

    static Optional<MitigationUse> lastApplied(IncidentSummary s) {
        List<MitigationUse> applied = s.mitigationList().stream().filter(u -> "applied".equals(u.outcome())).toList();
        return applied.isEmpty() ? Optional.empty() : Optional.of(applied.get(applied.size() - 1));
    }

    static String mitigationText(MitigationUse u) {
        return or(u.actionLabel(), "unknown action") + (u.target() == null ? "" : " on " + u.target())
                + (u.detail() == null ? "" : " (" + u.detail() + ")");
    }

    /** "1 time", "2 times". */
    public static String times(int n) {
        return n + (n == 1 ? " time" : " times");
    }

    private static Instant firstOf(List<TimelineEntry> entries, String type) {
        return entries.stream().filter(e -> e.type.equals(type)).map(e -> e.occurredAt).findFirst().orElse(null);
    }

    private static Line line(Instant at, String text) {
        return new Line(Formats.time(at), "", text);
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static String titleCase(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
    }

    static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
