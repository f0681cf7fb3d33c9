package io.incidentops.platform.security;

import io.incidentops.platform.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.util.Optional;

/** Rejects calls to {@link IntegrationKeyRequired} endpoints without a valid key: 401 with a problem body. */
@Provider
@IntegrationKeyRequired
@Priority(Priorities.AUTHENTICATION)
public class IntegrationKeyFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    @Inject
    IntegrationKeys keys;

    @Inject
    CallingIntegration caller;

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<String> integration = Optional.empty();
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            integration = keys.verify(authorization.substring(BEARER.length()).trim());
        }
        if (integration.isEmpty()) {
            Response denied = Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED,
                            "A valid integration key is required as 'Authorization: Bearer <key>'.").toResponse())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"incidentops-integrations\"")
                    .build();
            request.abortWith(denied);
            return;
        }
        caller.set(integration.get());
    }
}
