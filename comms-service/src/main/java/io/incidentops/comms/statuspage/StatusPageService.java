package io.incidentops.comms.statuspage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.comms.config.CommsConfig;
import io.incidentops.comms.notification.Audience;
import io.incidentops.comms.notification.Channel;
import io.incidentops.comms.notification.Kind;
import io.incidentops.comms.notification.NotificationService;
import io.incidentops.events.comms.StatusPageUpdated;
import io.incidentops.events.model.Severity;
import io.incidentops.platform.outbox.Outbox;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every change of the public status page. Each update is one transaction with its {@code comms.status-page-updated}
 * event and its {@code comms.notification-sent} record; components follow the worst open incident on them.
 */
@ApplicationScoped
@Transactional
public class StatusPageService {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    NotificationService notifications;

    @Inject
    CommsConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** Creates the page row on first start (any replica may win) and applies the configured name, URL and zone. */
    void onStart(@Observes StartupEvent event) {
        ZoneId.of(config.page().timeZone()); // fails the start on an unknown zone
        Instant now = Instant.now(clock);
        em.createNativeQuery("INSERT INTO status_page (singleton, id, name, url, time_zone, updated_at) "
                        + "VALUES (TRUE, :id, :name, :url, :tz, :now) ON CONFLICT (singleton) DO NOTHING")
                .setParameter("id", ShortIds.next()).setParameter("name", config.page().name())
                .setParameter("url", baseUrl()).setParameter("tz", config.page().timeZone())
                .setParameter("now", now).executeUpdate();
        StatusPage page = StatusPage.get();
        if (!page.name.equals(config.page().name()) || !page.url.equals(baseUrl())
                || !page.timeZone.equals(config.page().timeZone())) {
            page.name = config.page().name();
            page.url = baseUrl();
            page.timeZone = config.page().timeZone();
            page.updatedAt = now;
        }
    }

    /**
     * Opens the public incident of a P0/P1 "investigating", with its first update; idempotent per incident.
     *
     * @param component     the public component it is shown against; null for none
     * @param emergencyMode whether its update interval is halved (the body's "Next update in" says so already)
     */
    public PageIncident open(String incidentId, Severity severity, boolean emergencyMode, PageComponent component,
                             String title, String body, Instant startedAt) {
        PageIncident existing = PageIncident.forIncident(incidentId).orElse(null);
        if (existing != null) return existing;
        Instant now = Instant.now(clock);
        PageIncident incident = new PageIncident();
        incident.id = ShortIds.next();
        incident.incidentId = incidentId;
        incident.componentId = component == null ? null : component.id;
        incident.severity = severity;
        incident.emergencyMode = emergencyMode;
        incident.name = title;
        incident.status = PageIncident.INVESTIGATING;
        incident.impact = ComponentStatus.impactOf(severity);
        incident.shortlink = baseUrl() + "/incidents/" + incident.id;
        incident.createdAt = now;
        incident.updatedAt = now;
        incident.lastUpdateAt = now;
        incident.startedAt = startedAt == null || startedAt.isAfter(now) ? now : startedAt;
        incident.persist();
        post(incident, PageIncident.INVESTIGATING, body, Kind.INITIAL, now);
        return incident;
    }

    /** Posts an update with a new status (investigating, identified or monitoring) on an open incident. */
    public void update(PageIncident incident, String status, String body) {
        Instant now = Instant.now(clock);
        if (PageIncident.MONITORING.equals(status) && incident.monitoringAt == null) incident.monitoringAt = now;
        post(incident, status, body, Kind.UPDATE, now);
    }

    /** Resolves the incident: the resolution title replaces its name (seed step 8); the component recovers. */
    public void resolve(PageIncident incident, String title, String body, Instant resolvedAt) {
        Instant now = Instant.now(clock);
        incident.name = title;
        incident.resolvedAt = resolvedAt == null || resolvedAt.isAfter(now) ? now : resolvedAt;
        post(incident, PageIncident.RESOLVED, body, Kind.RESOLUTION, now);
    }

    /**
     * Opens a resolved incident again (the incident was reopened), under its original title: "investigating", no
     * resolution or monitoring time, its component back to its severity's status, the update cadence restarted.
     */
    public void reopen(PageIncident incident, String title, String body) {
        Instant now = Instant.now(clock);
        incident.name = title;
        incident.resolvedAt = null;
        incident.monitoringAt = null;
        post(incident, PageIncident.INVESTIGATING, body, Kind.UPDATE, now);
    }

    /**
     * A severity change moves the impact, the title (its words follow the impact), the component and the next update's
     * due time (the new severity's interval, in or out of emergency mode); no customer message (nothing new to tell them).
     */
    public void changeSeverity(PageIncident incident, Severity severity, boolean emergencyMode, String title) {
        Instant now = Instant.now(clock);
        Duration before = incident.updateInterval(config.updateInterval());
        incident.severity = severity;
        incident.emergencyMode = emergencyMode;
        incident.name = title;
        incident.impact = ComponentStatus.impactOf(severity);
        incident.updatedAt = now;
        replan(incident, before);
        recomputeComponent(incident.componentId, now);
    }

    /** Emergency mode (intake's {@code incident.escalated}): the update interval is halved from the last update on. */
    public void enterEmergencyMode(PageIncident incident) {
        if (incident.emergencyMode) return; // already halved: a repeated escalation changes nothing
        Duration before = incident.updateInterval(config.updateInterval());
        incident.emergencyMode = true;
        replan(incident, before);
    }

    /**
     * The next update is due one new interval after the last update (or the last reminder) instead of one old
     * interval after it. Nothing moves when the interval stays the same, so a repeated event changes nothing.
     */
    private void replan(PageIncident incident, Duration before) {
        Duration after = incident.updateInterval(config.updateInterval());
        if (incident.nextUpdateDueAt != null && !after.equals(before)) {
            incident.nextUpdateDueAt = incident.nextUpdateDueAt.minus(before).plus(after);
        }
    }

    /**
     * A commander's own update (text already rendered): "resolved" on an open incident resolves it under
     * {@code title}; "resolved" again adds a note to a resolved one; any other status is an update on an open one.
     */
    public IncidentUpdate publish(PageIncident incident, String status, String title, String body, String postedBy) {
        Instant now = Instant.now(clock);
        Kind kind = Kind.UPDATE;
        if (PageIncident.RESOLVED.equals(status) && incident.isOpen()) {
            incident.resolvedAt = now;
            kind = Kind.RESOLUTION;
        } else if (PageIncident.MONITORING.equals(status) && incident.monitoringAt == null) {
            incident.monitoringAt = now;
        }
        incident.name = title;
        IncidentUpdate update = post(incident, status, body, kind, now);
        update.postedBy = postedBy;
        return update;
    }

    private IncidentUpdate post(PageIncident incident, String status, String body, Kind kind, Instant now) {
        incident.status = status;
        incident.updatedAt = now;
        incident.lastUpdateAt = now;
        incident.nextUpdateDueAt = incident.isOpen() ? now.plus(incident.updateInterval(config.updateInterval())) : null;
        em.flush(); // the component follows the incident's new state
        List<Map<String, String>> change = recomputeComponent(incident.componentId, now);

        IncidentUpdate update = new IncidentUpdate();
        update.id = ShortIds.next();
        update.pageIncidentId = incident.id;
        update.status = status;
        update.body = body;
        update.createdAt = now;
        update.updatedAt = now;
        update.displayAt = now;
        update.affectedComponents = toJson(change);
        update.persist();

        outbox.publish(new StatusPageUpdated(incident.incidentId, incident.id, status, incident.name, body,
                incident.impact, now));
        notifications.record(incident.incidentId, Channel.STATUS_PAGE, Audience.CUSTOMERS, kind, incident.shortlink,
                incident.name, body);
        return update;
    }

    /** Sets the component to the worst status of its open incidents; returns the affected-components entry. */
    private List<Map<String, String>> recomputeComponent(String componentId, Instant now) {
        if (componentId == null) return List.of(); // shown against no component
        PageComponent component = em.find(PageComponent.class, componentId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        List<PageIncident> open = PageIncident.list("componentId = ?1 and status <> ?2", componentId, PageIncident.RESOLVED);
        String status = ComponentStatus.OPERATIONAL;
        for (PageIncident i : open) {
            status = ComponentStatus.worst(status, ComponentStatus.forSeverity(i.severity));
        }
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("code", component.id);
        entry.put("name", component.name);
        entry.put("old_status", component.status);
        entry.put("new_status", status);
        if (!status.equals(component.status)) {
            component.status = status;
            component.updatedAt = now;
        }
        return List.of(entry);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    String baseUrl() {
        String url = config.page().url().strip();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
