package io.incidentops.intake.integrations.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.incidentops.events.model.Severity;
import io.incidentops.intake.alerts.custom.FieldMapping;
import io.incidentops.intake.integrations.Integration;
import io.incidentops.intake.integrations.IntegrationKeyIssuer;
import io.incidentops.intake.integrations.IntegrationKeyRow;
import io.incidentops.intake.integrations.IntegrationRoute;
import io.incidentops.intake.integrations.Integrations;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.incidentops.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Integration keys for admins: the configured ones to read, the API's to create, rescope, rotate and revoke. */
@Path("/api/admin/integrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Integrations")
public class IntegrationResource {

    @Inject
    Integrations integrations;

    @Inject
    IntegrationKeyIssuer issuer;

    public record RateLimit(@PositiveOrZero double perSecond, @Min(1) Integer burst) {
    }

    public record NewIntegration(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,62}", message = Integration.NAME_RULE) String name,
            @NotBlank @Size(max = 32) String sourceType,
            @Size(max = 16) List<@NotBlank @Size(max = 64) String> routes,
            Severity maxSeverity,
            @Valid RateLimit rateLimit,
            @Valid FieldMapping mapping) {
    }

    public record ScopeChange(@Size(max = 16) List<@NotBlank @Size(max = 64) String> routes, Severity maxSeverity,
                              @Valid RateLimit rateLimit, @Valid FieldMapping mapping) {
    }

    public record Rotation(@Min(0) @Max(7 * 24 * 3600) Long graceSeconds) {
    }

    /** An integration; {@code key} only in the answer that made it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(String name, String sourceType, List<String> routes, Severity maxSeverity, RateLimit rateLimit,
                       FieldMapping mapping, String origin, Instant createdAt, String createdBy, Instant rotatedAt,
                       Instant previousKeyValidUntil, Instant revokedAt, String key) {
    }

    @GET
    @Operation(summary = "Every integration: configured ones, and those created here (revoked ones too)")
    public List<View> list() {
        List<View> views = new ArrayList<>();
        integrations.all().values().stream().filter(i -> i.origin() == Integration.Origin.CONFIGURATION)
                .forEach(i -> views.add(view(i)));
        IntegrationKeyRow.<IntegrationKeyRow>listAll().forEach(row -> views.add(view(row, null)));
        views.sort(Comparator.comparing(View::name));
        return views;
    }

    @GET
    @Path("{name}")
    public View get(@PathParam("name") String name) {
        IntegrationKeyRow row = IntegrationKeyRow.findById(name);
        if (row != null) return view(row, null);
        return integrations.named(name).filter(i -> i.origin() == Integration.Origin.CONFIGURATION).map(this::view)
                .orElseThrow(() -> new ResourceNotFoundException("no integration '" + name + "'"));
    }

    @POST
    @Operation(summary = "Creates an integration and its key; the key is in this answer only")
    public Response create(@Valid @NotNull NewIntegration body, @Context SecurityContext security, @Context UriInfo uri) {
        IntegrationKeyIssuer.Issued issued = issuer.create(body.name(), body.sourceType(),
                scope(body.routes(), body.maxSeverity(), body.rateLimit(), body.mapping()), security.getUserPrincipal().getName());
        return Response.created(uri.getAbsolutePathBuilder().path(body.name()).build())
                .entity(view(issued.row(), issued.secret())).build();
    }

    @PATCH
    @Path("{name}")
    @Operation(summary = "Changes what the key may do: routes, highest severity (P0: no cap), rate limit (0: none)")
    public View rescope(@PathParam("name") String name, @Valid @NotNull ScopeChange body) {
        return view(issuer.rescope(name, scope(body.routes(), body.maxSeverity(), body.rateLimit(), body.mapping())), null);
    }

    @POST
    @Path("{name}/rotate")
    @Operation(summary = "A new key, in this answer only; the old one works for graceSeconds more (default 0)")
    public View rotate(@PathParam("name") String name, @Valid Rotation body) {
        long grace = body == null || body.graceSeconds() == null ? 0 : body.graceSeconds();
        IntegrationKeyIssuer.Issued issued = issuer.rotate(name, Duration.ofSeconds(grace));
        return view(issued.row(), issued.secret());
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Revokes the key at once (kept for the record; the name is not reused)")
    public View revoke(@PathParam("name") String name, @Context SecurityContext security) {
        return view(issuer.revoke(name, security.getUserPrincipal().getName()), null);
    }

    private static IntegrationKeyIssuer.Scope scope(List<String> routes, Severity maxSeverity, RateLimit limit,
                                                    FieldMapping mapping) {
        return new IntegrationKeyIssuer.Scope(routes, maxSeverity, limit == null ? null : limit.perSecond(),
                limit == null ? null : limit.burst(), mapping);
    }

    private View view(Integration i) {
        return new View(i.name(), i.sourceType().wireName(), routeNames(i), i.maxSeverity(),
                i.rateLimit() == null ? null : new RateLimit(i.rateLimit().perSecond(), i.rateLimit().burst()), null,
                "configuration", null, null, null, null, null, null);
    }

    private static View view(IntegrationKeyRow row, String secret) {
        Integration i = row.integration();
        return new View(row.name, row.sourceType, routeNames(i), row.maxSeverity,
                i.rateLimit() == null ? null : new RateLimit(i.rateLimit().perSecond(), i.rateLimit().burst()), row.mapping,
                "api", row.createdAt, row.createdBy, row.rotatedAt, row.previousValidUntil, row.revokedAt, secret);
    }

    private static List<String> routeNames(Integration i) {
        return i.routes().stream().map(IntegrationRoute::wireName).toList();
    }
}
