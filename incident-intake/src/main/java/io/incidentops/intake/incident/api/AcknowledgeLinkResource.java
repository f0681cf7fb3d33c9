package io.incidentops.intake.incident.api;

import io.incidentops.intake.incident.Incident;
import io.incidentops.intake.incident.IncidentLifecycle;
import io.incidentops.intake.incident.IncidentQueries;
import io.incidentops.intake.oncall.escalation.AckTokens;
import io.incidentops.intake.oncall.people.Users;
import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/**
 * The acknowledge link of a page ({@code /ack/<signed token>}, no login: the token is the credential). GET only shows
 * what would be acknowledged with a button, because mail scanners and link previews open every link; the button's
 * POST acknowledges as the paged person, which stops the escalation. A bad or expired token gets 403 and changes
 * nothing.
 */
@Path("/ack/{token}")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class AcknowledgeLinkResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance confirm(Incident incident, String token);

        static native TemplateInstance done(Incident incident, boolean now);

        static native TemplateInstance refused(String reason);
    }

    @Inject
    AckTokens tokens;

    @Inject
    IncidentQueries queries;

    @Inject
    IncidentLifecycle lifecycle;

    @Inject
    Users users;

    @GET
    public Response confirm(@PathParam("token") String token) {
        Optional<AckTokens.Ack> ack = tokens.verify(token);
        Optional<Incident> incident = ack.flatMap(a -> queries.find(a.incidentId()));
        if (incident.isEmpty()) {
            return refused("This link is not valid or has expired.");
        }
        if (incident.get().acknowledgedAt != null || !incident.get().isOpen()) {
            return Response.ok(Templates.done(incident.get(), false)).build();
        }
        return Response.ok(Templates.confirm(incident.get(), token)).build();
    }

    @POST
    public Response acknowledge(@PathParam("token") String token) {
        Optional<AckTokens.Ack> ack = tokens.verify(token);
        if (ack.isEmpty()) {
            return refused("This link is not valid or has expired.");
        }
        String who = users.find(ack.get().userId()).map(u -> u.name).orElse(ack.get().userId());
        boolean now;
        try {
            now = lifecycle.acknowledge(ack.get().incidentId(), who);
        } catch (ConflictException resolved) {
            now = false;
        } catch (ResourceNotFoundException gone) {
            return refused("This link is not valid or has expired.");
        }
        // read only after the acknowledgement's own transaction: a copy read before it would show the old state
        return Response.ok(Templates.done(queries.find(ack.get().incidentId()).orElseThrow(), now)).build();
    }

    private static Response refused(String reason) {
        return Response.status(Response.Status.FORBIDDEN).entity(Templates.refused(reason)).type(MediaType.TEXT_HTML).build();
    }
}
