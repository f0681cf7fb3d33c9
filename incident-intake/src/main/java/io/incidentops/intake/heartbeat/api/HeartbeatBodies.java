package io.incidentops.intake.heartbeat.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.intake.heartbeat.Heartbeat;
import io.incidentops.intake.heartbeat.HeartbeatSettings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Opsgenie's heartbeat bodies (docs.opsgenie.com "Heartbeat API"; opsgenie-go-sdk-v2 {@code heartbeat/request.go},
 * {@code result.go}): reads and checks a create or update body field by field (each error named, Opsgenie's 422), and
 * the heartbeat as Opsgenie shows it.
 */
final class HeartbeatBodies {

    static final int MAX_NAME = 200;
    private static final int MAX_DESCRIPTION = 10_000;
    private static final int MAX_MESSAGE = 1024;
    private static final int MAX_INTERVAL = 1_000_000;
    private static final int MAX_TAGS = 20;
    private static final int MAX_TAG = 50;
    private static final Set<String> UNITS = Set.of("minutes", "hours", "days");
    private static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "P4", "P5");

    /** The team as Opsgenie names it; ours are known by name only, so {@code id} is not shown. */
    record OwnerTeam(String name) {
    }

    /** A heartbeat as Opsgenie's Get/List show it (with {@code lastPingTime}, which Opsgenie returns undocumented). */
    record View(String name, String description, int interval, boolean enabled, String intervalUnit, boolean expired,
                OwnerTeam ownerTeam, String alertMessage, List<String> alertTags, String alertPriority,
                Instant lastPingTime) {
        static View of(Heartbeat h) {
            return new View(h.name, h.description == null ? "" : h.description, h.interval, h.enabled, h.intervalUnit,
                    h.expired, h.ownerTeam == null ? null : new OwnerTeam(h.ownerTeam),
                    h.alertMessage != null ? h.alertMessage : h.name + " is expired", h.alertTags, h.alertPriority,
                    h.lastPingAt);
        }
    }

    /** A body read field by field: the settings when {@link #errors} is empty. */
    record Read(String name, HeartbeatSettings settings, Map<String, String> errors) {
    }

    private HeartbeatBodies() {
    }

    /** A create body: {@code name}, {@code interval} and {@code intervalUnit} required. */
    static Read create(JsonNode body) {
        Map<String, String> errors = new LinkedHashMap<>();
        String name = text(body, "name", MAX_NAME, errors);
        if (name == null && !errors.containsKey("name")) errors.put("name", "must not be blank");
        if (name != null && !validName(name)) errors.put("name", "must not contain '/'");
        HeartbeatSettings settings = settings(body, errors);
        if (settings.interval() == null && !errors.containsKey("interval")) errors.put("interval", "must not be null");
        if (settings.intervalUnit() == null && !errors.containsKey("intervalUnit")) {
            errors.put("intervalUnit", "must be one of minutes, hours, days");
        }
        return new Read(name, settings, errors);
    }

    /** A partial update (PATCH): every field optional. */
    static Read update(JsonNode body) {
        Map<String, String> errors = new LinkedHashMap<>();
        return new Read(null, settings(body, errors), errors);
    }

    /** A name from the path: Opsgenie's limit, and no control character (a NUL would reach PostgreSQL). */
    static boolean validName(String name) {
        return !name.isBlank() && name.length() <= MAX_NAME && name.indexOf('/') < 0
                && name.chars().noneMatch(Character::isISOControl);
    }

    private static HeartbeatSettings settings(JsonNode body, Map<String, String> errors) {
        String description = text(body, "description", MAX_DESCRIPTION, errors);
        Integer interval = null;
        JsonNode i = body.get("interval");
        if (i != null && !i.isNull()) {
            if (i.canConvertToInt() && i.isIntegralNumber() && i.asInt() >= 1 && i.asInt() <= MAX_INTERVAL) interval = i.asInt();
            else errors.put("interval", "must be a whole number from 1 to " + MAX_INTERVAL);
        }
        String unit = text(body, "intervalUnit", 16, errors);
        if (unit != null && !UNITS.contains(unit)) errors.put("intervalUnit", "must be one of minutes, hours, days");
        Boolean enabled = null;
        JsonNode e = body.get("enabled");
        if (e != null && !e.isNull()) {
            if (e.isBoolean()) enabled = e.asBoolean();
            else errors.put("enabled", "must be true or false");
        }
        String priority = text(body, "alertPriority", 2, errors);
        if (priority != null && !PRIORITIES.contains(priority)) errors.put("alertPriority", "must be one of P1, P2, P3, P4, P5");
        return new HeartbeatSettings(description, interval, unit == null || UNITS.contains(unit) ? unit : null, enabled,
                ownerTeam(body.get("ownerTeam"), errors), text(body, "alertMessage", MAX_MESSAGE, errors),
                tags(body.get("alertTags"), errors), priority);
    }

    /** {@code ownerTeam: {name}} (or {@code id}, which names the team too: our teams have no other id). */
    private static String ownerTeam(JsonNode team, Map<String, String> errors) {
        if (team == null || team.isNull()) return null;
        if (!team.isObject()) {
            errors.put("ownerTeam", "must be an object with a name or id");
            return null;
        }
        String name = text(team, "name", MAX_NAME, errors);
        String id = text(team, "id", MAX_NAME, errors);
        if (name == null && id == null && !errors.containsKey("name") && !errors.containsKey("id")) {
            errors.put("ownerTeam", "must have a name or id");
        }
        return name != null ? name : id;
    }

    /** A list of tags, or one comma-separated string (what opsgenie-go-sdk-v2's {@code AlertTag} sends). */
    private static List<String> tags(JsonNode tags, Map<String, String> errors) {
        if (tags == null || tags.isNull()) return null;
        List<String> out = new ArrayList<>();
        if (tags.isTextual()) {
            for (String tag : tags.asText().split(",")) if (!tag.isBlank()) out.add(tag.trim());
        } else if (tags.isArray()) {
            tags.forEach(t -> out.add(t.isTextual() ? t.asText().trim() : null));
        } else {
            errors.put("alertTags", "must be a list of strings");
            return null;
        }
        if (out.size() > MAX_TAGS || out.stream().anyMatch(t -> t == null || t.isEmpty() || t.length() > MAX_TAG)) {
            errors.put("alertTags", "must be at most " + MAX_TAGS + " non-blank strings of at most " + MAX_TAG + " characters");
            return null;
        }
        return out;
    }

    private static String text(JsonNode node, String field, int max, Map<String, String> errors) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) {
            errors.put(field, "must be a string");
            return null;
        }
        String s = v.asText().trim();
        if (s.length() > max) {
            errors.put(field, "must be at most " + max + " characters");
            return null;
        }
        return s.isEmpty() ? null : s;
    }
}
