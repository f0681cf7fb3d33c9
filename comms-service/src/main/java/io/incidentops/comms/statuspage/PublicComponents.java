package io.incidentops.comms.statuspage;

import io.incidentops.comms.config.CommsConfig;
import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The page's components, chosen by operators (API, or seeded from configuration): an incident is shown against the
 * component its service is mapped to, else the configured default, else none. A service label never becomes a
 * component by itself: it is internal and may say anything.
 */
@ApplicationScoped
@Transactional
public class PublicComponents {

    @Inject
    EntityManager em;

    @Inject
    CommsConfig config;

    @Inject
    Clock clock;

    /** Creates the configured components and mappings that are missing (any replica may win a race). */
    void onStart(@Observes StartupEvent event) {
        Instant now = Instant.now(clock);
        for (CommsConfig.SeedComponent seed : config.components().orElse(List.of())) {
            PageComponent component = insertIfMissing(seed.name().strip(), seed.description().orElse(null), now);
            for (String service : normalized(seed.services().orElse(List.of()))) mapIfFree(service, component.id);
        }
        config.defaultComponent().filter(name -> !name.isBlank())
                .ifPresent(name -> insertIfMissing(name.strip(), null, now));
    }

    /** The component an incident of this service is shown against: its mapping, else the default, else none. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PageComponent> forService(String service) {
        Optional<PageComponent> mapped = ComponentService.<ComponentService>findByIdOptional(ComponentService.normalize(service))
                .map(m -> PageComponent.findById(m.componentId));
        if (mapped.isPresent()) return mapped;
        return config.defaultComponent().filter(name -> !name.isBlank())
                .flatMap(name -> PageComponent.find("name", name.strip()).firstResultOptional());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ComponentView> list() {
        List<PageComponent> components = PageComponent.list("order by position");
        Map<String, List<String>> services = ComponentService.<ComponentService>list("order by service").stream()
                .collect(Collectors.groupingBy(m -> m.componentId, Collectors.mapping(m -> m.service, Collectors.toList())));
        return components.stream().map(c -> ComponentView.of(c, services.getOrDefault(c.id, List.of()))).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<ComponentView> get(String id) {
        return PageComponent.<PageComponent>findByIdOptional(id).map(c -> ComponentView.of(c, servicesOf(c.id)));
    }

    /** A new operational component; 409 when the name or one of the services is taken. */
    public ComponentView create(String name, String description, Collection<String> services) {
        Instant now = Instant.now(clock);
        String id = ShortIds.next();
        if (!insert(id, name.strip(), description, now)) {
            throw new ConflictException("a component named '" + name.strip() + "' exists");
        }
        map(id, normalized(services));
        PageComponent created = PageComponent.findById(id);
        return ComponentView.of(created, servicesOf(id));
    }

    /** Renames the component and/or changes its description (null leaves a value as it is). */
    public ComponentView update(String id, String name, String description) {
        PageComponent c = find(id);
        if (name != null && !name.strip().equals(c.name)) {
            if (PageComponent.count("name = ?1 and id <> ?2", name.strip(), id) > 0) {
                throw new ConflictException("a component named '" + name.strip() + "' exists");
            }
            c.name = name.strip();
            c.updatedAt = Instant.now(clock);
        }
        if (description != null && !description.strip().equals(c.description == null ? "" : c.description)) {
            c.description = blankToNull(description);
            c.updatedAt = Instant.now(clock);
        }
        return ComponentView.of(c, servicesOf(id));
    }

    /** The internal services shown as this component, replacing its previous ones; 409 if one belongs to another. */
    public ComponentView setServices(String id, Collection<String> services) {
        PageComponent c = find(id);
        Set<String> wanted = normalized(services);
        em.createQuery("delete from ComponentService m where m.componentId = :c and m.service not in :keep")
                .setParameter("c", id).setParameter("keep", wanted.isEmpty() ? Set.of("") : wanted).executeUpdate();
        map(id, wanted);
        return ComponentView.of(c, servicesOf(id));
    }

    /** Removes the component and its mappings; past incidents stay, shown against no component. 409 while in use. */
    public void delete(String id) {
        PageComponent c = find(id);
        if (PageIncident.count("componentId = ?1 and status <> ?2", id, PageIncident.RESOLVED) > 0) {
            throw new ConflictException("component " + id + " has an open incident; delete it once resolved");
        }
        ComponentService.delete("componentId", id);
        em.flush();
        c.delete();
        StatusPage.get().updatedAt = Instant.now(clock); // the page changed: one component fewer
    }

    private void map(String componentId, Set<String> services) {
        for (String service : services) {
            mapIfFree(service, componentId);
            ComponentService owner = ComponentService.findById(service);
            if (!componentId.equals(owner.componentId)) {
                // the whole request rolls back: nothing half-mapped
                throw new ConflictException("service '" + service + "' is shown as component " + owner.componentId);
            }
        }
    }

    private PageComponent insertIfMissing(String name, String description, Instant now) {
        insert(ShortIds.next(), name, description, now);
        return PageComponent.<PageComponent>find("name", name).singleResult();
    }

    /** @return false when the name is taken (concurrent creators: one row wins) */
    private boolean insert(String id, String name, String description, Instant now) {
        return em.createNativeQuery("INSERT INTO page_component (id, name, status, description, created_at, updated_at) "
                        + "VALUES (:id, :name, 'operational', :description, :now, :now) ON CONFLICT (name) DO NOTHING")
                .setParameter("id", id).setParameter("name", name)
                .setParameter("description", blankToNull(description)).setParameter("now", now).executeUpdate() == 1;
    }

    /** Maps the service unless it is mapped already (to this or another component). */
    private void mapIfFree(String service, String componentId) {
        em.createNativeQuery("INSERT INTO component_service (service, component_id) VALUES (:s, :c) "
                        + "ON CONFLICT (service) DO NOTHING")
                .setParameter("s", service).setParameter("c", componentId).executeUpdate();
    }

    private PageComponent find(String id) {
        return PageComponent.<PageComponent>findByIdOptional(id)
                .orElseThrow(() -> new ResourceNotFoundException("component " + id + " does not exist"));
    }

    private static List<String> servicesOf(String componentId) {
        return ComponentService.<ComponentService>list("componentId = ?1 order by service", componentId).stream()
                .map(m -> m.service).toList();
    }

    private static Set<String> normalized(Collection<String> services) {
        Set<String> result = new LinkedHashSet<>();
        if (services != null) for (String s : services) result.add(ComponentService.normalize(s));
        return result;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
