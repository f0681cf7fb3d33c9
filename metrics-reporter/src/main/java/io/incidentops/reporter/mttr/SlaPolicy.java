package io.incidentops.reporter.mttr;

import io.incidentops.events.model.Severity;
import io.incidentops.reporter.config.ReporterConfig;
import io.incidentops.reporter.support.Formats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * SLA per severity: the contract's response target (first responder engaged after the alert; "Immediate" = within
 * {@code incidentops.reporter.sla.immediate-response}) and a configurable resolution target on the total MTTR.
 * A target is met when the measured time is at most the target; an unmeasurable phase (never acknowledged) misses it.
 */
@ApplicationScoped
public class SlaPolicy {

    public static final String RESPONSE = "response";
    public static final String RESOLUTION = "resolution";

    @Inject
    ReporterConfig config;

    public record Targets(Duration response, Duration resolution) {
        public String text() {
            List<String> parts = new ArrayList<>();
            parts.add("response " + (response == null ? "best effort" : "≤ " + Formats.duration(response)));
            parts.add("resolution " + (resolution == null ? "none" : "≤ " + Formats.duration(resolution)));
            return String.join(", ", parts);
        }
    }

    public record Result(Targets targets, boolean met, List<String> missed) {
        public String label() {
            return met ? "SLA Met" : "SLA Missed";
        }
    }

    public Targets targets(Severity severity) {
        if (severity == null) return new Targets(null, null);
        return new Targets(config.sla().response(severity).orElse(null), config.sla().resolution(severity).orElse(null));
    }

    public Result evaluate(Severity severity, MttrBreakdown mttr) {
        Targets targets = targets(severity);
        List<String> missed = new ArrayList<>();
        if (targets.response() != null && (mttr.response() == null || mttr.response().compareTo(targets.response()) > 0)) {
            missed.add(RESPONSE);
        }
        if (targets.resolution() != null && (mttr.total() == null || mttr.total().compareTo(targets.resolution()) > 0)) {
            missed.add(RESOLUTION);
        }
        return new Result(targets, missed.isEmpty(), List.copyOf(missed));
    }
}
