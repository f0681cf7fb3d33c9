package io.incidentops.reporter.report.api;

import io.incidentops.platform.problem.ResourceNotFoundException;
import io.incidentops.platform.security.Roles;
import io.incidentops.reporter.report.ReportService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The incident report: Markdown (as saved) by default, HTML when the client asks for text/html. */
@Path("/api/incidents/{id}/report")
@RolesAllowed({Roles.VIEWER, Roles.RESPONDER, Roles.COMMANDER, Roles.ADMIN})
public class ReportResource {

    static final String MARKDOWN = "text/markdown;charset=UTF-8";
    static final String HTML = "text/html;charset=UTF-8";

    @Inject
    ReportService reports;

    @GET
    @Produces({MARKDOWN, HTML})
    public Response get(@PathParam("id") String id, @Context HttpHeaders headers) {
        if (wantsHtml(headers)) {
            return reports.html(id).map(html -> Response.ok(html, HTML).build()).orElseThrow(() -> notFound(id));
        }
        return reports.markdown(id).map(md -> Response.ok(md, MARKDOWN).build()).orElseThrow(() -> notFound(id));
    }

    /** HTML only when text/html is named explicitly (browsers do); wildcards and text/markdown get Markdown. */
    private static boolean wantsHtml(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isWildcardType() || type.isWildcardSubtype()) continue;
            if (type.isCompatible(MediaType.TEXT_HTML_TYPE)) return true;
            if ("markdown".equals(type.getSubtype())) return false;
        }
        return false;
    }

    private static ResourceNotFoundException notFound(String id) {
        return new ResourceNotFoundException("No report for incident " + id + "; reports are written on resolution.");
    }
}
