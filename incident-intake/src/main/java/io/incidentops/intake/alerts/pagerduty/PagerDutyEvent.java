package io.incidentops.intake.alerts.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Severity;
import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.alerts.IncidentTypeClassifier;
import io.incidentops.intake.alerts.SeverityRule;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A PagerDuty Events API v2 event ({@code /v2/enqueue} or an {@code alerts} topic record), checked as PagerDuty checks
 * it, its {@code routing_key} aside: each way in authenticates in its own way (the HTTP route by that key, the topic
 * by Kafka's ACLs).
 *
 * @param action   trigger, acknowledge or resolve
 * @param dedupKey the sender's, or a random one for a trigger without (as PagerDuty does)
 * @param trigger  the alert a trigger raises, null for the other actions
 */
public record PagerDutyEvent(String action, String dedupKey, Alert trigger) {

    public static final String TRIGGER = "trigger";
    public static final String ACKNOWLEDGE = "acknowledge";
    public static final String RESOLVE = "resolve";
    /** The summary of the resolved notice a {@code resolve} records. */
    public static final String RESOLVED_SUMMARY = "Resolved via PagerDuty Events API";
    private static final Set<String> ACTIONS = Set.of(TRIGGER, ACKNOWLEDGE, RESOLVE);
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
    private static final List<String> PAYLOAD_TEXTS =
            List.of("summary", "source", "severity", "timestamp", "component", "group", "class");

    /**
     * The event, or null with what is wrong added to {@code errors} in PagerDuty's words.
     *
     * @param source the {@link Alert#source()} of a trigger's alert
     */
    public static PagerDutyEvent read(JsonNode event, String source, Instant now, List<String> errors) {
        int before = errors.size();
        // an object as dedup_key was taken for a missing one (a new incident)
        PagerDutyBodies.structured(event, "", List.of("event_action", "dedup_key"), errors);
        if (event.path("payload").isObject()) {
            PagerDutyBodies.structured(event.get("payload"), "payload.", PAYLOAD_TEXTS, errors);
        }
        String action = PagerDutyBodies.text(event, "event_action");
        if (action == null || !ACTIONS.contains(action)) errors.add("'event_action' must be one of trigger, acknowledge, resolve");
        String dedupKey = PagerDutyBodies.text(event, "dedup_key");
        if (dedupKey != null && dedupKey.length() > 255) errors.add("'dedup_key' must be at most 255 characters");
        if (dedupKey == null && (ACKNOWLEDGE.equals(action) || RESOLVE.equals(action))) {
            errors.add("'dedup_key' is required for " + action + " events");
        }
        Instant timestamp = TRIGGER.equals(action) ? checkPayload(event.get("payload"), errors) : null;
        if (errors.size() > before) return null;
        if (!TRIGGER.equals(action)) return new PagerDutyEvent(action, dedupKey, null);
        String key = dedupKey != null ? dedupKey : UUID.randomUUID().toString().replace("-", "");
        return new PagerDutyEvent(action, key, trigger(event.get("payload"), source, key, timestamp, now));
    }

    /** A trigger's payload checked; returns its timestamp, if any. */
    private static Instant checkPayload(JsonNode payload, List<String> errors) {
        if (payload == null || !payload.isObject()) {
            errors.add("'payload' is missing or not an object");
            return null;
        }
        String summary = PagerDutyBodies.text(payload, "summary");
        if (summary == null) errors.add("'payload.summary' is missing or blank");
        else if (summary.length() > 1024) errors.add("'payload.summary' must be at most 1024 characters");
        if (PagerDutyBodies.text(payload, "source") == null) errors.add("'payload.source' is missing or blank");
        String severity = PagerDutyBodies.text(payload, "severity");
        if (severity == null || !SEVERITIES.contains(severity)) {
            errors.add("'payload.severity' must be one of critical, error, warning, info");
        }
        String ts = PagerDutyBodies.text(payload, "timestamp");
        if (ts == null) return null;
        try {
            return OffsetDateTime.parse(ts).toInstant();
        } catch (DateTimeParseException e) {
            errors.add("'payload.timestamp' is not an ISO-8601 timestamp");
            return null;
        }
    }

    private static Alert trigger(JsonNode payload, String alertSource, String dedupKey, Instant timestamp, Instant now) {
        String summary = PagerDutyBodies.text(payload, "summary");
        String source = PagerDutyBodies.text(payload, "source");
        String component = PagerDutyBodies.text(payload, "component");
        Map<String, String> labels = new LinkedHashMap<>();
        for (String field : new String[]{"source", "component", "group", "class"}) {
            String v = PagerDutyBodies.text(payload, field);
            if (v != null) labels.put(field, v);
        }
        String description = payload.has("custom_details") ? payload.get("custom_details").toString() : null;
        boolean outage = SeverityRule.signalsCompleteOutage(labels, summary, description);
        Severity severity = SeverityRule.fromWord(PagerDutyBodies.text(payload, "severity"), SeverityRule.Vocabulary.PAGERDUTY, outage)
                .orElseThrow();
        IncidentType type = IncidentTypeClassifier.classify(labels, PagerDutyBodies.text(payload, "class"), summary, description);
        Instant startsAt = timestamp != null && !timestamp.isAfter(now) ? timestamp : now;
        return new Alert(alertSource, component != null ? component : source, summary, description, severity, type,
                labels, startsAt, null, dedupKey, null, null, false, now);
    }
}
