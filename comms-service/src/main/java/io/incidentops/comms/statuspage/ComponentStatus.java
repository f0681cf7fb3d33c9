package io.incidentops.comms.statuspage;

import io.incidentops.events.model.Severity;

import java.util.List;

/**
 * Statuspage vocabulary, kept here only (the contract speaks P0-P4): component statuses, worst last, the page
 * indicator each implies, and the one mapping of our severities (docs/architecture.md).
 */
public final class ComponentStatus {
    public static final String OPERATIONAL = "operational";
    public static final List<String> BY_RANK = List.of(OPERATIONAL, "degraded_performance", "partial_outage", "major_outage");
    private static final List<String> IMPACTS = List.of("none", "minor", "major", "critical");

    private ComponentStatus() {
    }

    /** The component status an open incident of this severity gives its component. */
    public static String forSeverity(Severity severity) {
        switch (severity) {
            case P0: return "major_outage";
            case P1: return "partial_outage";
            case P2: return "degraded_performance";
            default: return OPERATIONAL;
        }
    }

    /** Statuspage incident {@code impact} (none|minor|major|critical) of this severity. */
    public static String impactOf(Severity severity) {
        return indicator(forSeverity(severity));
    }

    public static int rank(String status) {
        return Math.max(0, BY_RANK.indexOf(status));
    }

    public static String worst(String a, String b) {
        return rank(a) >= rank(b) ? a : b;
    }

    /** Statuspage indicator (none|minor|major|critical) a component status implies. */
    public static String indicator(String componentStatus) {
        return IMPACTS.get(rank(componentStatus));
    }

    public static int impactRank(String impact) {
        return Math.max(0, IMPACTS.indexOf(impact));
    }

    /** "Partial Outage" for partial_outage: the words the HTML page shows. */
    public static String label(String status) {
        switch (status) {
            case "degraded_performance": return "Degraded Performance";
            case "partial_outage": return "Partial Outage";
            case "major_outage": return "Major Outage";
            default: return "Operational";
        }
    }

    /**
     * What customers are told is happening to a component in this status ("a partial outage"): the only words for an
     * incident's issue that public titles and bodies use (never alert text).
     */
    public static String phrase(String status) {
        switch (status) {
            case "degraded_performance": return "degraded performance";
            case "partial_outage": return "a partial outage";
            case "major_outage": return "a major outage";
            default: return "issues";
        }
    }

    /** Statuspage's overall description of an indicator. */
    public static String description(String indicator) {
        switch (indicator) {
            case "minor": return "Minor Service Outage";
            case "major": return "Partial System Outage";
            case "critical": return "Major Service Outage";
            default: return "All Systems Operational";
        }
    }
}
