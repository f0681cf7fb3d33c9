package io.incidentops.reporter.mttr.api;

import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.problem.InvalidInputException;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.incidentops.platform.security.Roles;
import io.incidentops.reporter.mttr.MttrService;
import io.incidentops.reporter.timeline.IncidentSummary;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** MTTR of one incident and aggregates over resolved incidents. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
public class MttrResource {

    @Inject
    MttrService mttr;

    /** 404 for an unknown incident, 409 while it is not resolved. */
    @GET
    @Path("/incidents/{id}/mttr")
    public MttrView.Incident incident(@PathParam("id") String id) {
        return mttr.find(id).map(MttrView.Incident::of).orElseThrow(() -> {
            if (IncidentSummary.find(id).isEmpty()) {
                return new ResourceNotFoundException("No incident " + id + " is known to the reporter.");
            }
            return new ConflictException("Incident " + id + " is not resolved yet; MTTR is computed on resolution.");
        });
    }

    /** {@code since}/{@code until}: ISO-8601 instants or dates (UTC), on the resolution time; until is exclusive. */
    @GET
    @Path("/metrics/mttr")
    public MttrView.Report aggregate(@QueryParam("since") String since, @QueryParam("until") String until) {
        Instant from = since == null || since.isBlank() ? Instant.EPOCH : parse("since", since);
        Instant to = until == null || until.isBlank() ? Instant.parse("9999-12-31T00:00:00Z") : parse("until", until);
        if (!from.isBefore(to)) throw new InvalidInputException("until", "must be later than since");
        return new MttrView.Report(from, to, MttrView.Aggregate.of(mttr.aggregate(from, to)));
    }

    /**
     * MTTR and SLA per week (Monday to Monday, UTC), the last {@code weeks} weeks including the current one, each
     * overall, by severity and by type: the trend the console charts.
     */
    @GET
    @Path("/metrics/mttr/weekly")
    public MttrView.Weekly weekly(@QueryParam("weeks") @DefaultValue("12") @Min(1) @Max(104) int weeks) {
        return new MttrView.Weekly(mttr.weekly(weeks).stream().map(MttrView.Report::of).toList());
    }

    private static Instant parse(String field, String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "expected an ISO-8601 instant (2025-11-15T14:00:00Z) or date (2025-11-15)");
        }
    }
}
