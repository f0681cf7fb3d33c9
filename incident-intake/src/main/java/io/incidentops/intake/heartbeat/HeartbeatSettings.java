package io.incidentops.intake.heartbeat;

import java.util.List;

/**
 * What a caller sets on a heartbeat (Opsgenie's fields), already validated by the route that read them; a null field
 * is left as it is (a partial update) or takes its default (a new heartbeat: disabled, priority P3, no tags).
 */
public record HeartbeatSettings(String description, Integer interval, String intervalUnit, Boolean enabled,
                                String ownerTeam, String alertMessage, List<String> alertTags, String alertPriority) {
}
