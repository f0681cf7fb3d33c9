package io.incidentops.intake.oncall.policy;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** Page the targets, then wait {@code escalationDelay} (ISO-8601) for an acknowledgement before the next rule. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EscalationRule(String escalationDelay, List<Target> targets) {
}
