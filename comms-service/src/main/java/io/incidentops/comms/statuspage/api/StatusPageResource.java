package io.incidentops.comms.statuspage.api;

import io.incidentops.comms.config.CommsConfig;
import io.incidentops.comms.statuspage.StatusPageQueries;
import io.incidentops.comms.statuspage.StatusPageQueries.Snapshot;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The public status page (HTML, no JavaScript), one page per incident (the shortlink) and the Atom history feed. */
@Path("/")
@PermitAll
public class StatusPageResource {

    public static final String ATOM = "application/atom+xml";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(PageViews.Page page);

        static native TemplateInstance incident(PageViews.Page page, PageViews.Incident incident);

        static native TemplateInstance history(PageViews.Feed feed);
    }

    @Inject
    StatusPageQueries queries;

    @Inject
    CommsConfig config;

    @Inject
    Clock clock;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance index() {
        Instant now = Instant.now(clock);
        int days = Math.max(1, config.page().historyDays());
        Snapshot s = queries.openAndResolvedSince(now.minus(Duration.ofDays(days)));
        return Templates.index(PageViews.page(s, days, now));
    }

    @GET
    @Path("/incidents/{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance incident(@PathParam("id") String id) {
        Snapshot s = queries.one(id).orElseThrow(() -> new ResourceNotFoundException("incident " + id));
        PageViews.Page page = PageViews.page(s, 0, Instant.now(clock));
        return Templates.incident(page, PageViews.incident(s.incidents().get(0), java.time.ZoneId.of(s.page().timeZone)));
    }

    @GET
    @Path("/history.atom")
    @Produces(ATOM)
    public String history() {
        return Templates.history(PageViews.feed(queries.recent())).render();
    }
}
