package io.incidentops.intake.alerts.api;

import io.incidentops.platform.problem.Problem;
import io.incidentops.platform.security.IntegrationKeys;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Grafana's webhook contact point authenticates with {@code Authorization: <scheme> <credentials>} (scheme Bearer
 * by default) or with HTTP Basic auth (grafana/alerting {@code receivers/webhook/v1/webhook.go}): the integration key
 * is taken as the Bearer credentials or as the Basic password (any user name). Checked before the body is read, so
 * a caller without a key learns nothing about its payload: 401 problem.
 */
@Provider
@GrafanaKeyRequired
@Priority(Priorities.AUTHENTICATION)
public class GrafanaKeyFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";
    private static final String BASIC = "Basic ";

    @Inject
    IntegrationKeys keys;

    @Inject
    Caller caller;

    /** The integration whose key authenticated the current Grafana request. */
    @RequestScoped
    public static class Caller {
        private String name;

        public String name() {
            return name;
        }

        void set(String name) {
            this.name = name;
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<String> integration = integrationOf(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (integration.isEmpty()) {
            request.abortWith(Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED,
                            "A valid integration key is required as 'Authorization: Bearer <key>' or as the Basic auth password.")
                    .toResponse())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"incidentops-integrations\"")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"incidentops-integrations\"")
                    .build());
            return;
        }
        caller.set(integration.get());
    }

    /** The key's integration: Bearer credentials or the Basic password. The one place this route reads its key. */
    private Optional<String> integrationOf(String authorization) {
        if (authorization == null) return Optional.empty();
        if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return keys.verify(authorization.substring(BEARER.length()).trim());
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
            return colon < 0 ? Optional.empty() : keys.verify(userAndPassword.substring(colon + 1));
        }
        return Optional.empty();
    }
}
