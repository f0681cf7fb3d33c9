package io.incidentops.intake.alerts;

import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Severity;

import java.time.Instant;
import java.util.Map;

/**
 * One alert in our own terms, whatever wire format it came in: already scored (severity, type) and keyed for dedup.
 *
 * @param source      where it came from: {@code api}, {@code alertmanager}, {@code pagerduty}, {@code kafka}, {@code manual}
 * @param resolved    a "resolved" notice (Alertmanager {@code status=resolved}): recorded, never declares
 * @param requestedId a caller-supplied incident ID, or null
 */
public record Alert(String source, String service, String summary, String description, Severity severity,
                    IncidentType type, Map<String, String> labels, Instant startsAt, Instant endsAt, String dedupKey,
                    String customerImpact, String requestedId, boolean resolved, Instant receivedAt) {

    public String team() {
        return labels == null ? null : labels.get("team");
    }

    /** The same alert as an integration may send it ({@code Integration.scoped}). */
    public Alert scoped(String dedupKey, Severity severity, Map<String, String> labels) {
        return new Alert(source, service, summary, description, severity, type, labels, startsAt, endsAt, dedupKey,
                customerImpact, requestedId, resolved, receivedAt);
    }

    public String alertStatus() {
        return resolved ? "resolved" : "firing";
    }
}
