package io.incidentops.platform.deadletter;

import io.incidentops.platform.problem.InvalidInputException;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.incidentops.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** The records this service could never process, for admins: read them, and replay them after a fix. */
@Path("/api/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Dead letters")
public class DeadLetterResource {

    @Inject
    DeadLetters deadLetters;

    @Inject
    DeadLetterReplay replay;

    @GET
    @Operation(summary = "This service's dead letters, newest first (waiting for a replay unless state says otherwise)")
    public List<DeadLetter> list(@QueryParam("topic") String topic,
                                 @QueryParam("state") @DefaultValue("waiting") String state,
                                 @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        Boolean replayed = switch (state) {
            case "waiting" -> false;
            case "replayed" -> true;
            case "all" -> null;
            default -> throw new InvalidInputException("state", "must be waiting, replayed or all");
        };
        return deadLetters.list(topic, replayed, limit);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One dead letter, with its record and reason")
    public DeadLetter get(@PathParam("id") UUID id) {
        return deadLetters.find(id).orElseThrow(() -> new ResourceNotFoundException("dead letter " + id + " not found"));
    }

    @POST
    @Path("{id}/replay")
    @Operation(summary = "Sends the record to its topic again, as it was; 409 if it was replayed already")
    public DeadLetter replay(@PathParam("id") UUID id, @Context SecurityContext security) {
        return replay.replay(id, security.getUserPrincipal().getName());
    }
}
