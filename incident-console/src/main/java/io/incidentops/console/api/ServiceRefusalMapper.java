package io.incidentops.console.api;

import io.incidentops.console.services.ServiceRefusal;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A service's refusal on a page: 403 stays 403 (the API decided this user may not), 404 stays 404, anything else is a
 * 502 (the console could not build the page). The page names the service and its reason, as text.
 */
@Provider
public class ServiceRefusalMapper implements ExceptionMapper<ServiceRefusal> {

    @CheckedTemplate(basePath = "Errors")
    static class Templates {
        static native TemplateInstance problem(int status, String title, String detail);
    }

    @Override
    public Response toResponse(ServiceRefusal refusal) {
        int status;
        String title;
        if (refusal.forbidden()) {
            status = 403;
            title = "Not allowed";
        } else if (refusal.notFound()) {
            status = 404;
            title = "Not found";
        } else {
            status = 502;
            title = refusal.service() + " refused (" + refusal.status() + ")";
        }
        String detail = refusal.detail() != null ? refusal.detail() : refusal.service() + " answered " + refusal.status();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.problem(status, title, detail)).build();
    }
}
