package io.incidentops.intake.integrations;

import io.incidentops.platform.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.util.Optional;

/**
 * Guards {@link IntegrationKeyRequired} endpoints: 401 with a problem body without a valid key, 403 when the key may
 * not use the route.
 */
@Provider
@IntegrationKeyRequired(IntegrationRoute.ALERTS)
@Priority(Priorities.AUTHENTICATION)
public class IntegrationKeyFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    @Inject
    Integrations integrations;

    @Inject
    CallingIntegration caller;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<Integration> integration = Optional.empty();
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            integration = integrations.verify(authorization.substring(BEARER.length()).trim());
        }
        if (integration.isEmpty()) {
            request.abortWith(Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED,
                            "A valid integration key is required as 'Authorization: Bearer <key>'.").toResponse())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"incidentops-integrations\"")
                    .build());
            return;
        }
        IntegrationRoute route = route();
        if (!integration.get().mayUse(route)) {
            request.abortWith(Problem.of(Response.Status.FORBIDDEN, "The key of integration '" + integration.get().name()
                    + "' may not use the '" + route.wireName() + "' route.").toResponse());
            return;
        }
        caller.set(integration.get());
    }

    private IntegrationRoute route() {
        IntegrationKeyRequired onMethod = resource.getResourceMethod().getAnnotation(IntegrationKeyRequired.class);
        return (onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(IntegrationKeyRequired.class)).value();
    }
}
