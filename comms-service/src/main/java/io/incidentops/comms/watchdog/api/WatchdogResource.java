package io.incidentops.comms.watchdog.api;

import io.incidentops.comms.config.CommsConfig;
import io.incidentops.comms.watchdog.Owners;
import io.incidentops.comms.watchdog.WatchdogCondition;
import io.incidentops.comms.watchdog.WatchdogPage;
import io.incidentops.comms.watchdog.WatchdogQueries;
import io.incidentops.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The watchdog's state for operators ({@code GET /api/watchdog}): who it pages, each condition, the latest pages. */
@Path("/api/watchdog")
@Produces(MediaType.APPLICATION_JSON)
public class WatchdogResource {

    static final int PAGES = 50;

    public record OwnerView(String channel, String target) {
    }

    /** {@code status} healthy or unhealthy since {@code since}; {@code lastPagedAt}: when its owners were last reached. */
    public record ConditionView(String condition, String status, String detail, Instant since, Instant lastPagedAt,
                                boolean recoveryOwed, Instant checkedAt) {
        static ConditionView of(WatchdogCondition c, Map<String, Instant> lastPaged) {
            return new ConditionView(c.name, c.healthy ? "healthy" : "unhealthy", c.detail, c.since,
                    lastPaged.get(c.name), c.recoveryOwed, c.checkedAt);
        }
    }

    public record PageView(String id, String condition, String kind, String channel, String target, String status,
                           String provider, String error, Instant createdAt) {
        static PageView of(WatchdogPage p) {
            return new PageView(p.id.toString(), p.condition, p.kind, p.channel, p.address, p.status, p.provider,
                    p.error, p.createdAt);
        }
    }

    public record WatchdogView(List<OwnerView> owners, Duration interval, Duration repeat,
                               List<ConditionView> conditions, List<PageView> pages) {
    }

    @Inject
    WatchdogQueries queries;

    @Inject
    Owners owners;

    @Inject
    CommsConfig config;

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
    public WatchdogView state() {
        Map<String, Instant> lastPaged = queries.lastPaged();
        return new WatchdogView(
                owners.all().stream().map(o -> new OwnerView(o.channel(), o.address())).toList(),
                config.watchdog().interval(), config.watchdog().repeat(),
                queries.conditions().stream().map(c -> ConditionView.of(c, lastPaged)).toList(),
                queries.latestPages(PAGES).stream().map(PageView::of).toList());
    }
}
