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

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Guards {@link IntegrationKeyRequired} endpoints: 401 with a problem body without a valid key, 403 when the key may
 * not use the route. The key comes as {@code Authorization: Bearer <key>} or as the HTTP Basic password (any user name):
 * Grafana's webhook contact point sends either (grafana/alerting {@code receivers/webhook/v1/webhook.go}), and so do
 * many tools that can only be given a URL with credentials. Checked before the body is read.
 */
@Provider
@IntegrationKeyRequired(IntegrationRoute.ALERTS)
@Priority(Priorities.AUTHENTICATION)
public class IntegrationKeyFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";
    private static final String BASIC = "Basic ";

    @Inject
    Integrations integrations;

    @Inject
    CallingIntegration caller;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<Integration> integration = integrationOf(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (integration.isEmpty()) {
            request.abortWith(Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED,
                            "A valid integration key is required as 'Authorization: Bearer <key>' or as the Basic auth password.")
                            .toResponse())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"incidentops-integrations\"")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"incidentops-integrations\"")
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

    private Optional<Integration> integrationOf(String authorization) {
        if (authorization == null) return Optional.empty();
        if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return integrations.verify(authorization.substring(BEARER.length()).trim());
        }
        if (authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            String userAndPassword;
            try {
                userAndPassword = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
            int colon = userAndPassword.indexOf(':');
            return colon < 0 ? Optional.empty() : integrations.verify(userAndPassword.substring(colon + 1));
        }
        return Optional.empty();
    }

    private IntegrationRoute route() {
        IntegrationKeyRequired onMethod = resource.getResourceMethod().getAnnotation(IntegrationKeyRequired.class);
        return (onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(IntegrationKeyRequired.class)).value();
    }
}
