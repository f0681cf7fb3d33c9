package io.incidentops.console.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A query or form value the console itself refuses before asking a service: 400 with a page naming the field. */
public class BadInput extends RuntimeException {

    private final String field;

    public BadInput(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    @Provider
    public static class Mapper implements ExceptionMapper<BadInput> {
        @Override
        public Response toResponse(BadInput e) {
            return Response.status(400).type(MediaType.TEXT_HTML_TYPE)
                    .entity(ServiceRefusalMapper.Templates.problem(400, "Invalid " + e.field(), e.getMessage()))
                    .build();
        }
    }
}
