package io.incidentops.console.api;

import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The console's own role check said no (a viewer posting an action form): 403 with a page that says why. */
@Provider
public class ForbiddenMapper implements ExceptionMapper<ForbiddenException> {

    @Override
    public Response toResponse(ForbiddenException e) {
        return Response.status(403).type(MediaType.TEXT_HTML_TYPE)
                .entity(ServiceRefusalMapper.Templates.problem(403, "Not allowed",
                        "Your role may not do this. Ask the incident's commander."))
                .build();
    }
}
