package io.incidentops.comms.statuspage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads of the status page: plain data for the JSON, HTML and Atom renderers. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class StatusPageQueries {

    /** A public incident with its component and its updates, newest first. */
    public record IncidentView(PageIncident incident, PageComponent component, List<IncidentUpdate> updates) {
    }

    /** Everything one rendering of the page needs, read together. */
    public record Snapshot(StatusPage page, Instant updatedAt, List<PageComponent> components,
                           List<IncidentView> incidents) {
    }

    public static final int RECENT_LIMIT = 50;

    public Snapshot unresolved() {
        return snapshot(PageIncident.list("status <> ?1 order by createdAt desc", PageIncident.RESOLVED));
    }

    /** The 50 most recent incidents, open or not. */
    public Snapshot recent() {
        return snapshot(PageIncident.<PageIncident>find("order by createdAt desc").page(0, RECENT_LIMIT).list());
    }

    /** Open incidents plus those resolved since {@code since}, newest first. */
    public Snapshot openAndResolvedSince(Instant since) {
        return snapshot(PageIncident.list("status <> ?1 or resolvedAt >= ?2 order by createdAt desc",
                PageIncident.RESOLVED, since));
    }

    public Optional<Snapshot> one(String pageIncidentId) {
        return PageIncident.<PageIncident>findByIdOptional(pageIncidentId).map(i -> snapshot(List.of(i)));
    }

    private Snapshot snapshot(List<PageIncident> incidents) {
        List<PageComponent> components = PageComponent.list("order by position");
        Map<String, PageComponent> componentsById = components.stream()
                .collect(Collectors.toMap(c -> c.id, Function.identity()));
        Map<String, List<IncidentUpdate>> updates = incidents.isEmpty() ? Map.of()
                : IncidentUpdate.<IncidentUpdate>list("pageIncidentId in ?1 order by displayAt desc, createdAt desc",
                        incidents.stream().map(i -> i.id).toList())
                .stream().collect(Collectors.groupingBy(u -> u.pageIncidentId));
        List<IncidentView> views = incidents.stream()
                .map(i -> new IncidentView(i, componentsById.get(i.componentId), updates.getOrDefault(i.id, List.of())))
                .toList();
        StatusPage page = StatusPage.get();
        Instant lastIncidentChange = PageIncident.getEntityManager()
                .createQuery("select max(p.updatedAt) from PageIncident p", Instant.class).getSingleResult();
        Instant updatedAt = Stream.concat(Stream.of(page.updatedAt, lastIncidentChange),
                        components.stream().map(c -> c.updatedAt))
                .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(page.updatedAt);
        return new Snapshot(page, updatedAt, components, views);
    }
}
