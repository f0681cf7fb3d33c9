package io.incidentops.comms.statuspage.api;

import io.incidentops.comms.statuspage.StatusPageQueries;
import io.incidentops.comms.statuspage.StatusPageQueries.Snapshot;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Atlassian Statuspage public API v2, so existing status-page clients and aggregators can read this page. */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class StatuspageApiResource {

    @Inject
    StatusPageQueries queries;

    @Inject
    StatuspageMapper mapper;

    @GET
    @Path("/summary.json")
    public StatuspageJson.Summary summary() {
        Snapshot s = queries.unresolved();
        return new StatuspageJson.Summary(mapper.page(s), StatuspageMapper.status(s), mapper.components(s),
                mapper.incidents(s), List.of());
    }

    @GET
    @Path("/status.json")
    public StatuspageJson.StatusResponse status() {
        Snapshot s = queries.unresolved();
        return new StatuspageJson.StatusResponse(mapper.page(s), StatuspageMapper.status(s));
    }

    @GET
    @Path("/components.json")
    public StatuspageJson.ComponentsResponse components() {
        Snapshot s = queries.unresolved();
        return new StatuspageJson.ComponentsResponse(mapper.page(s), mapper.components(s));
    }

    @GET
    @Path("/incidents.json")
    public StatuspageJson.IncidentsResponse incidents() {
        Snapshot s = queries.recent();
        return new StatuspageJson.IncidentsResponse(mapper.page(s), mapper.incidents(s));
    }

    @GET
    @Path("/incidents/unresolved.json")
    public StatuspageJson.IncidentsResponse unresolved() {
        Snapshot s = queries.unresolved();
        return new StatuspageJson.IncidentsResponse(mapper.page(s), mapper.incidents(s));
    }
}
