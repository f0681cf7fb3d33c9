package io.incidentops.reporter.mttr;

import java.time.Duration;
import java.time.Instant;

/**
 * The MTTR phases of seed step 9 from the checkpoints of one incident. Each phase ends at its own checkpoint and
 * starts at the latest earlier checkpoint that is known, so a missing end makes that phase null and a missing start
 * makes the next phase measure from the checkpoint before it; the known phases add up to the total. A checkpoint
 * earlier than the one before it (clock skew between sources) gives a zero phase, never a negative one.
 */
public record MttrBreakdown(Checkpoints checkpoints, Duration detection, Duration response, Duration mitigation,
                            Duration resolution, Duration total) {

    /** startedAt = impact start, detectedAt = alert, acknowledgedAt = first responder, mitigatedAt, resolvedAt = full recovery. */
    public record Checkpoints(Instant startedAt, Instant detectedAt, Instant acknowledgedAt, Instant mitigatedAt,
                              Instant resolvedAt) {
    }

    public static MttrBreakdown of(Checkpoints c) {
        return new MttrBreakdown(c,
                between(c.startedAt(), c.detectedAt()),
                between(first(c.detectedAt(), c.startedAt()), c.acknowledgedAt()),
                between(first(c.acknowledgedAt(), c.detectedAt(), c.startedAt()), c.mitigatedAt()),
                between(first(c.mitigatedAt(), c.acknowledgedAt(), c.detectedAt(), c.startedAt()), c.resolvedAt()),
                between(first(c.startedAt(), c.detectedAt()), c.resolvedAt()));
    }

    private static Duration between(Instant from, Instant to) {
        if (from == null || to == null) return null;
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Instant first(Instant... candidates) {
        for (Instant c : candidates) {
            if (c != null) return c;
        }
        return null;
    }
}
