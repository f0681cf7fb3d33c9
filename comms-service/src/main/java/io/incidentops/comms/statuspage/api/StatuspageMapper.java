package io.incidentops.comms.statuspage.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.comms.statuspage.ComponentStatus;
import io.incidentops.comms.statuspage.PageComponent;
import io.incidentops.comms.statuspage.StatusPageQueries.IncidentView;
import io.incidentops.comms.statuspage.StatusPageQueries.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Maps the stored page to Statuspage v2 JSON: timestamps ISO-8601 with the offset of the page's time zone. */
@ApplicationScoped
public class StatuspageMapper {

    private static final TypeReference<List<Map<String, String>>> AFFECTED = new TypeReference<>() {
    };

    @Inject
    ObjectMapper json;

    public StatuspageJson.Page page(Snapshot s) {
        return new StatuspageJson.Page(s.page().id, s.page().name, s.page().url, s.page().timeZone,
                ts(s, s.updatedAt()));
    }

    /** The worst of the components' statuses and the open incidents' impacts (Statuspage's indicator). */
    public static StatuspageJson.Status status(Snapshot unresolved) {
        int rank = 0;
        for (PageComponent c : unresolved.components()) rank = Math.max(rank, ComponentStatus.rank(c.status));
        for (IncidentView i : unresolved.incidents()) {
            if (i.incident().isOpen()) rank = Math.max(rank, ComponentStatus.impactRank(i.incident().impact));
        }
        String indicator = List.of("none", "minor", "major", "critical").get(rank);
        return new StatuspageJson.Status(indicator, ComponentStatus.description(indicator));
    }

    public List<StatuspageJson.Component> components(Snapshot s) {
        return s.components().stream().map(c -> component(s, c)).toList();
    }

    public StatuspageJson.Component component(Snapshot s, PageComponent c) {
        return new StatuspageJson.Component(c.id, c.name, c.status, ts(s, c.createdAt), ts(s, c.updatedAt),
                c.position == null ? 0 : c.position, c.description, true, null, null, s.page().id, false, false);
    }

    public List<StatuspageJson.Incident> incidents(Snapshot s) {
        return s.incidents().stream().map(i -> incident(s, i)).toList();
    }

    private StatuspageJson.Incident incident(Snapshot s, IncidentView v) {
        var i = v.incident();
        List<StatuspageJson.IncidentUpdate> updates = v.updates().stream()
                .map(u -> new StatuspageJson.IncidentUpdate(u.id, u.status, u.body, i.id, ts(s, u.createdAt),
                        ts(s, u.updatedAt), ts(s, u.displayAt), affected(u.affectedComponents), true, null, null))
                .toList();
        List<StatuspageJson.Component> components = v.component() == null ? List.of() : List.of(component(s, v.component()));
        return new StatuspageJson.Incident(i.id, i.name, i.status, ts(s, i.createdAt), ts(s, i.updatedAt),
                ts(s, i.monitoringAt), ts(s, i.resolvedAt), i.impact, i.shortlink, ts(s, i.startedAt), s.page().id,
                updates, components);
    }

    private List<StatuspageJson.AffectedComponent> affected(String stored) {
        if (stored == null || stored.isBlank()) return List.of();
        try {
            return json.readValue(stored, AFFECTED).stream()
                    .map(m -> new StatuspageJson.AffectedComponent(m.get("code"), m.get("name"), m.get("old_status"),
                            m.get("new_status")))
                    .toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored affected_components is not JSON", e);
        }
    }

    static String ts(Snapshot s, Instant instant) {
        if (instant == null) return null;
        return instant.truncatedTo(ChronoUnit.MILLIS).atZone(ZoneId.of(s.page().timeZone))
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
