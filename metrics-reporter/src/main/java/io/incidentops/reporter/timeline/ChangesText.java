package io.incidentops.reporter.timeline;

import io.incidentops.events.executor.DeploymentSummary;
import io.incidentops.reporter.support.Formats;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The report's "Recent Changes" line: what diagnostics found changed before detection, newest first. */
final class ChangesText {

    /** More than this many are counted, not listed: the line is for a reader, the full list is in diagnostics. */
    static final int LISTED = 5;

    private ChangesText() {
    }

    /** @return null when diagnostics said nothing about changes (an earlier figure is kept) */
    static String of(List<DeploymentSummary> changes) {
        if (changes == null) return null;
        if (changes.isEmpty()) return "none found before detection";
        List<DeploymentSummary> newestFirst = changes.stream()
                .sorted(Comparator.comparing(DeploymentSummary::deployedAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder())))
                .toList();
        String listed = newestFirst.stream().limit(LISTED).map(ChangesText::one).collect(Collectors.joining("; "));
        int more = newestFirst.size() - LISTED;
        return more > 0 ? listed + "; and " + more + " more" : listed;
    }

    private static String one(DeploymentSummary d) {
        StringBuilder s = new StringBuilder(d.service() == null ? "?" : d.service());
        if (d.version() != null) s.append(' ').append(d.version());
        if (d.kind() != null && !"deployment".equals(d.kind())) s.append(" (").append(d.kind()).append(')');
        if (d.environment() != null) s.append(" in ").append(d.environment());
        return s.append(" at ").append(Formats.time(d.deployedAt())).toString();
    }
}
