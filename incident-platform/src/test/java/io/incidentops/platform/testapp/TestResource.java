package io.incidentops.platform.testapp;

import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.incidentops.platform.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import org.hibernate.exception.JDBCConnectionException;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Endpoints that exercise the platform's error mapping and security wiring. */
@Path("/test")
public class TestResource {

    public record Item(@NotBlank String name, @NotNull Instant startsAt, int count) {
    }

    public record Batch(@NotEmpty List<@Valid Item> items) {
    }

    @POST
    @Path("/items")
    @PermitAll
    public Map<String, Object> create(@Valid @NotNull Batch batch) {
        return Map.of("accepted", batch.items().size());
    }

    @GET
    @Path("/items")
    @PermitAll
    public Map<String, Object> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page) {
        return Map.of("page", page);
    }

    @GET
    @Path("/items/{id}")
    @PermitAll
    public String find(@PathParam("id") String id) {
        throw new ResourceNotFoundException("item " + id + " does not exist");
    }

    @POST
    @Path("/items/{id}/close")
    @PermitAll
    public String close(@PathParam("id") String id) {
        throw new ConflictException("item " + id + " is already closed");
    }

    @GET
    @Path("/boom")
    @PermitAll
    public String boom() {
        throw new IllegalStateException("secret internal detail");
    }

    /** What Hibernate throws when Agroal's pool hands out no connection in time (the database is down). */
    @GET
    @Path("/database-down")
    @PermitAll
    public String databaseDown() {
        throw new JDBCConnectionException("Unable to acquire JDBC Connection",
                new SQLException("Sorry, acquisition timeout!"));
    }

    /** A lost connection: SQLState class 08. */
    @GET
    @Path("/connection-lost")
    @PermitAll
    public String connectionLost() {
        throw new PersistenceException(
                new SQLException("An I/O error occurred while sending to the backend.", "08006"));
    }

    @GET
    @Path("/commanders-only")
    @RolesAllowed({Roles.COMMANDER, Roles.ADMIN})
    public String commandersOnly(@Context SecurityContext security) {
        return security.getUserPrincipal().getName();
    }

    @GET
    @Path("/unannotated")
    public String unannotated() {
        return "should never be served";
    }

}
