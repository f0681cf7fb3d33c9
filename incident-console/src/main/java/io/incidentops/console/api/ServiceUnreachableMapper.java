package io.incidentops.console.api;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/** A service that does not answer at all: 502 with a page that says so (the cause goes to the log, not the page). */
@Provider
public class ServiceUnreachableMapper implements ExceptionMapper<ProcessingException> {

    private static final Logger LOG = Logger.getLogger(ServiceUnreachableMapper.class);

    @Override
    public Response toResponse(ProcessingException e) {
        LOG.warnf("a service call failed: %s", e.getMessage());
        return Response.status(502).type(MediaType.TEXT_HTML_TYPE)
                .entity(ServiceRefusalMapper.Templates.problem(502, "A service did not answer",
                        "The console could not reach a service it needs for this page. Try again in a moment."))
                .build();
    }
}
