package io.incidentops.executor.mitigation.api;

import io.incidentops.executor.mitigation.ApprovalLinks;
import io.incidentops.executor.mitigation.Mitigation;
import io.incidentops.executor.mitigation.MitigationApplier;
import io.incidentops.executor.mitigation.MitigationService;
import io.incidentops.executor.mitigation.MitigationView;
import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.problem.ResourceNotFoundException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/**
 * The one-click approve and reject links of {@code mitigation.approval-requested} ({@code /approval-links/<token>}, no
 * login: the signed token is the credential of the commander it was sent to). GET only shows what would be done, with
 * Approve and Reject buttons, because mail scanners and link previews open every link; the button's POST decides, as
 * the token's subject. A forged or expired token, or one of a commander who was replaced, gets 403; a decided
 * mitigation shows its decision (409 to a POST: the link was used).
 */
@Path("/" + ApprovalLinks.PATH + "/{token}")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class ApprovalLinkResource {

    private static final String INVALID = "This link is not valid or has expired.";
    private static final int MAX_REASON = 2000;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance confirm(MitigationView mitigation, String subject, String approveToken,
                                               String rejectToken);

        static native TemplateInstance decided(MitigationView mitigation, boolean now);

        static native TemplateInstance refused(String reason);
    }

    @Inject
    ApprovalLinks links;

    @Inject
    MitigationService mitigations;

    @Inject
    MitigationApplier applier;

    @GET
    public Response confirm(@PathParam("token") String token) {
        Optional<ApprovalLinks.Claim> claim = links.verify(token);
        Optional<MitigationView> mitigation = claim.flatMap(c -> mitigations.find(c.incidentId(), c.mitigationId()));
        if (mitigation.isEmpty()) return refused(Response.Status.FORBIDDEN, INVALID);
        if (mitigation.get().status() != Mitigation.Status.AWAITING_APPROVAL) {
            return Response.ok(Templates.decided(mitigation.get(), false)).build();
        }
        if (!mitigations.isCommander(claim.get().incidentId(), claim.get().subject())) return replaced(claim.get());
        boolean approve = claim.get().decision() == ApprovalLinks.Decision.APPROVE;
        String other = links.counterpart(claim.get());
        return Response.ok(Templates.confirm(mitigation.get(), claim.get().subject(), approve ? token : other,
                approve ? other : token)).build();
    }

    @POST
    @Blocking // approving carries the action out: the webhook or the Kubernetes API
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("token") String token, @FormParam("reason") String reason) {
        Optional<ApprovalLinks.Claim> claim = links.verify(token);
        if (claim.isEmpty()) return refused(Response.Status.FORBIDDEN, INVALID);
        ApprovalLinks.Claim c = claim.get();
        if (!mitigations.isCommander(c.incidentId(), c.subject())) return replaced(c);
        String why = reason == null ? "" : reason.strip();
        if (c.decision() == ApprovalLinks.Decision.REJECT && (why.isEmpty() || why.length() > MAX_REASON)) {
            return refused(Response.Status.BAD_REQUEST, "A rejection needs a reason (at most " + MAX_REASON
                    + " characters). Go back and write one.");
        }
        Mitigation decided;
        try {
            decided = c.decision() == ApprovalLinks.Decision.APPROVE
                    ? applier.approve(c.incidentId(), c.mitigationId(), c.subject(), Mitigation.VIA_LINK)
                    : mitigations.reject(c.incidentId(), c.mitigationId(), c.subject(), Mitigation.VIA_LINK, why);
        } catch (ConflictException earlier) {
            // decided before (this link used twice, the other link, or the API): nothing changed now
            return mitigations.find(c.incidentId(), c.mitigationId())
                    .map(m -> Response.status(Response.Status.CONFLICT).entity(Templates.decided(m, false)).build())
                    .orElseGet(() -> refused(Response.Status.FORBIDDEN, INVALID));
        } catch (ResourceNotFoundException gone) {
            return refused(Response.Status.FORBIDDEN, INVALID);
        }
        // as the decision's own transactions left it (a copy read in this request before them would be stale)
        return Response.ok(Templates.decided(mitigations.view(decided), true)).build();
    }

    private static Response replaced(ApprovalLinks.Claim claim) {
        return refused(Response.Status.FORBIDDEN, "This link was sent to " + claim.subject()
                + ", who is no longer the incident's commander.");
    }

    private static Response refused(Response.Status status, String reason) {
        return Response.status(status).entity(Templates.refused(reason)).type(MediaType.TEXT_HTML).build();
    }
}
