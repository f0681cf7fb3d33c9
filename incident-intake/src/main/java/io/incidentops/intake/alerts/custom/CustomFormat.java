package io.incidentops.intake.alerts.custom;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.events.model.Severity;
import io.incidentops.platform.problem.InvalidInputException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A {@link FieldMapping} compiled: reads the fields of each alert of a body, or says which expression found nothing. */
public final class CustomFormat {

    /** Alerts one body may carry. */
    public static final int MAX_ALERTS = 1000;
    private static final int MAX_SERVICE_CHARS = 255;
    private static final int MAX_DEDUP_KEY_CHARS = 255;
    private static final int MAX_DESCRIPTION_CHARS = 65536;

    private final FieldMapping mapping;
    private final FieldExpression alerts;
    private final FieldExpression service;
    private final FieldExpression summary;
    private final FieldExpression description;
    private final FieldExpression severity;
    private final FieldExpression dedupKey;
    private final FieldExpression status;
    private final FieldExpression labels;
    private final Map<String, Severity> severities = new HashMap<>();
    private final Set<String> resolvedWhen = new HashSet<>();

    /** One alert's fields as the source gave them; {@code severity} set when its word is in the mapping's table. */
    public record Fields(String service, String summary, String description, Severity severity, String severityWord,
                         String dedupKey, boolean resolved, Map<String, String> labels) {
    }

    CustomFormat(FieldMapping mapping) {
        this.mapping = mapping;
        this.alerts = optional("mapping.alerts", mapping.alerts());
        this.service = FieldExpression.compile("mapping.service", mapping.service());
        this.summary = FieldExpression.compile("mapping.summary", mapping.summary());
        this.description = optional("mapping.description", mapping.description());
        this.severity = optional("mapping.severity", mapping.severity());
        this.dedupKey = optional("mapping.dedupKey", mapping.dedupKey());
        this.status = optional("mapping.status", mapping.status());
        this.labels = optional("mapping.labels", mapping.labels());
        if (mapping.severities() != null) {
            mapping.severities().forEach((word, p) -> severities.put(word.toLowerCase(Locale.ROOT), p));
        }
        (mapping.resolvedWhen() != null ? mapping.resolvedWhen() : FieldMapping.RESOLVED_BY_DEFAULT)
                .forEach(s -> resolvedWhen.add(s.toLowerCase(Locale.ROOT)));
    }

    public FieldMapping mapping() {
        return mapping;
    }

    public Severity defaultSeverity() {
        return mapping.defaultSeverity() != null ? mapping.defaultSeverity() : Severity.P3;
    }

    /** Every alert of the body; an {@link InvalidInputException} naming the field whose expression found nothing usable. */
    public List<Fields> read(JsonNode body) {
        List<JsonNode> items = new ArrayList<>();
        if (alerts == null) {
            items.add(body);
        } else {
            JsonNode found = alerts.read(body);
            if (found.isArray()) found.forEach(items::add);
            else if (found.isObject()) items.add(found);
            if (items.isEmpty()) throw new InvalidInputException("alerts", "'" + alerts + "' found no alert in the body");
            if (items.size() > MAX_ALERTS) {
                throw new InvalidInputException("alerts", "at most " + MAX_ALERTS + " alerts per body, got " + items.size());
            }
        }
        List<Fields> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String at = alerts == null ? "" : "alerts[" + i + "].";
            JsonNode item = items.get(i);
            String serviceText = required(item, service, at + "service", MAX_SERVICE_CHARS);
            String summaryText = required(item, summary, at + "summary", Integer.MAX_VALUE);
            String word = text(item, severity, at + "severity", 255);
            String state = text(item, status, at + "status", 255);
            out.add(new Fields(serviceText, summaryText, text(item, description, at + "description", MAX_DESCRIPTION_CHARS),
                    word == null ? null : severities.get(word.toLowerCase(Locale.ROOT)), word,
                    text(item, dedupKey, at + "dedupKey", MAX_DEDUP_KEY_CHARS),
                    state != null && resolvedWhen.contains(state.toLowerCase(Locale.ROOT)), labels(item, at + "labels")));
        }
        return out;
    }

    private static FieldExpression optional(String field, String expression) {
        return expression == null || expression.isBlank() ? null : FieldExpression.compile(field, expression);
    }

    private static String required(JsonNode item, FieldExpression expression, String field, int maxChars) {
        String value = text(item, expression, field, maxChars);
        if (value == null) throw new InvalidInputException(field, "'" + expression + "' found no text in the body");
        return value;
    }

    /** The text the expression finds (a one-element array counts as its element), null when nothing or blank. */
    private static String text(JsonNode item, FieldExpression expression, String field, int maxChars) {
        if (expression == null) return null;
        JsonNode found = expression.read(item);
        if (found.isArray() && found.size() == 1) found = found.get(0);
        if (found.isMissingNode() || found.isNull()) return null;
        if (!found.isValueNode()) {
            throw new InvalidInputException(field, "'" + expression + "' found " + found.getNodeType().name().toLowerCase(Locale.ROOT)
                    + ", not text");
        }
        String value = found.asText().trim();
        if (value.length() > maxChars) {
            throw new InvalidInputException(field, "at most " + maxChars + " characters, got " + value.length());
        }
        return value.isEmpty() ? null : value;
    }

    private Map<String, String> labels(JsonNode item, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        if (labels == null) return out;
        JsonNode found = labels.read(item);
        if (found.isMissingNode() || found.isNull()) return out;
        if (!found.isObject()) throw new InvalidInputException(field, "'" + labels + "' must find an object");
        // scalar members only: a nested object is not a label
        found.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }
}
