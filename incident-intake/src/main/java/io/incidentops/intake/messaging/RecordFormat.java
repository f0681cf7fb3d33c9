package io.incidentops.intake.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.platform.messaging.PoisonRecordException;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The wire formats the {@code alerts} topic accepts, each recognised by top-level fields that it always carries and
 * the others do not (all of them must be there). Grafana's envelope is Alertmanager's plus {@code orgId}, {@code
 * title}, {@code state} and {@code message}: its markers contain Alertmanager's and an Opsgenie create's, and a
 * format whose markers contain every other candidate's is the one meant. A record with the markers of two formats
 * neither of which refines the other, or of none, is poison, its reason naming the candidates.
 */
enum RecordFormat {
    GENERIC("generic alert", "summary"),
    ALERTMANAGER("Alertmanager webhook", "alerts", "version"),
    GRAFANA("Grafana webhook", "alerts", "version", "orgId", "message"),
    PAGERDUTY("PagerDuty event", "event_action"),
    OPSGENIE_CREATE("Opsgenie create alert", "message"),
    OPSGENIE_ACTION("Opsgenie alert action", "action", "identifier");

    private final String title;
    private final List<String> markers;

    RecordFormat(String title, String... markers) {
        this.title = title;
        this.markers = List.of(markers);
    }

    /** The format of a record (a JSON object), from the one tree it was parsed into. */
    static RecordFormat of(JsonNode record) {
        List<RecordFormat> candidates = new ArrayList<>(2);
        for (RecordFormat format : values()) {
            if (format.markedIn(record)) candidates.add(format);
        }
        for (RecordFormat candidate : candidates) {
            if (candidates.stream().allMatch(other -> candidate.markers.containsAll(other.markers))) return candidate;
        }
        if (candidates.isEmpty()) {
            throw new PoisonRecordException("not an accepted alert format: it has the fields of none of "
                    + describe(List.of(values())));
        }
        throw new PoisonRecordException("ambiguous alert record: it has the fields of " + describe(candidates));
    }

    private boolean markedIn(JsonNode record) {
        for (String marker : markers) {
            if (!record.has(marker)) return false;
        }
        return true;
    }

    private static String describe(List<RecordFormat> formats) {
        return formats.stream().map(f -> f.title + " (" + String.join(", ", f.markers) + ")")
                .collect(Collectors.joining(", "));
    }
}
