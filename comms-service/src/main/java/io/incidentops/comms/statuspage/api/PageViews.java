package io.incidentops.comms.statuspage.api;

import io.incidentops.comms.statuspage.ComponentStatus;
import io.incidentops.comms.statuspage.StatusPageQueries.IncidentView;
import io.incidentops.comms.statuspage.StatusPageQueries.Snapshot;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Display-ready values for the HTML page and the Atom feed (the templates only print them; Qute escapes them). */
public final class PageViews {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MMM d, HH:mm z", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);

    private PageViews() {
    }

    public record Page(String name, String url, String indicator, String description, String updatedAt,
                       List<Component> components, List<Incident> active, List<Day> days) {
    }

    public record Component(String name, String status, String statusLabel) {
    }

    public record Incident(String id, String name, String status, String statusLabel, String impact, String link,
                           String startedAt, String resolvedAt, List<Update> updates) {
    }

    public record Update(String status, String statusLabel, String body, String displayAt, String displayAtIso) {
    }

    public record Day(String date, List<Incident> incidents) {
    }

    public record Feed(String id, String title, String pageUrl, String selfUrl, String updated, List<Entry> entries) {
    }

    public record Entry(String id, String title, String link, String published, String updated, String content) {
    }

    /** The page: open incidents on top, then one block per day of the last {@code days} days (today first). */
    static Page page(Snapshot unresolvedAndRecent, int days, Instant now) {
        ZoneId zone = ZoneId.of(unresolvedAndRecent.page().timeZone);
        var status = StatuspageMapper.status(openOnly(unresolvedAndRecent));
        List<Component> components = unresolvedAndRecent.components().stream()
                .map(c -> new Component(c.name, c.status, ComponentStatus.label(c.status))).toList();
        List<Incident> active = new ArrayList<>();
        List<IncidentView> past = new ArrayList<>();
        for (IncidentView v : unresolvedAndRecent.incidents()) {
            if (v.incident().isOpen()) active.add(incident(v, zone));
            else past.add(v);
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        List<Day> dayBlocks = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            LocalDate date = today.minusDays(d);
            List<Incident> onDay = past.stream()
                    .filter(v -> v.incident().resolvedAt.atZone(zone).toLocalDate().equals(date))
                    .map(v -> incident(v, zone)).toList();
            dayBlocks.add(new Day(date.format(DAY), onDay));
        }
        return new Page(unresolvedAndRecent.page().name, unresolvedAndRecent.page().url, status.indicator(),
                status.description(), when(unresolvedAndRecent.updatedAt(), zone), components, active, dayBlocks);
    }

    static Incident incident(IncidentView v, ZoneId zone) {
        var i = v.incident();
        List<Update> updates = v.updates().stream()
                .map(u -> new Update(u.status, label(u.status), u.body, when(u.displayAt, zone),
                        u.displayAt.atZone(zone).toOffsetDateTime().toString()))
                .toList();
        return new Incident(i.id, i.name, i.status, label(i.status), i.impact, i.shortlink, when(i.startedAt, zone),
                i.resolvedAt == null ? null : when(i.resolvedAt, zone), updates);
    }

    /** Atom 1.0: one entry per incident, its updates as the (plain text) content, newest first. */
    static Feed feed(Snapshot recent) {
        String base = recent.page().url;
        List<Entry> entries = recent.incidents().stream().map(v -> {
            var i = v.incident();
            StringBuilder content = new StringBuilder();
            for (var u : v.updates()) {
                if (content.length() > 0) content.append("\n\n");
                content.append(StatuspageMapper.ts(recent, u.displayAt)).append(" - ").append(label(u.status))
                        .append(" - ").append(u.body);
            }
            return new Entry(i.shortlink, i.name, i.shortlink, StatuspageMapper.ts(recent, i.createdAt),
                    StatuspageMapper.ts(recent, i.updatedAt), content.toString());
        }).toList();
        return new Feed(base + "/history.atom", recent.page().name + " - Incident History", base,
                base + "/history.atom", StatuspageMapper.ts(recent, recent.updatedAt()), entries);
    }

    private static Snapshot openOnly(Snapshot s) {
        return new Snapshot(s.page(), s.updatedAt(), s.components(),
                s.incidents().stream().filter(v -> v.incident().isOpen()).toList());
    }

    static String label(String status) {
        return status == null || status.isEmpty() ? "" : status.substring(0, 1).toUpperCase(Locale.ROOT) + status.substring(1);
    }

    private static String when(Instant instant, ZoneId zone) {
        return instant == null ? null : instant.atZone(zone).format(WHEN);
    }
}
