package io.incidentops.intake.oncall.schedule;

import java.time.Instant;

/** Who is on call and for which span (the layer's turn, or the override). */
public record Shift(String userId, Instant start, Instant end) {
}
