package io.incidentops.console.signin;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;

/**
 * The development sign-in: a request carrying a token signed with the local key (the console's session cookie, or
 * {@code Authorization: Bearer} for scripts and the CLI's {@code tail}) is that token's user with its roles. Ahead of
 * quarkus-oidc, and inert unless {@code incidentops.console.dev-sign-in.enabled}; a browser without a session is sent
 * to the sign-in page, anything else gets 401.
 */
@ApplicationScoped
public class DevSignInMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";

    @Inject
    DevTokens tokens;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (!tokens.enabled()) return Uni.createFrom().nullItem();
        String token = token(context);
        if (token == null) return Uni.createFrom().nullItem();
        return Uni.createFrom().item(() -> tokens.verify(token).map(DevSignInMechanism::identity).orElse(null));
    }

    private static String token(RoutingContext context) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).trim();
        }
        Cookie cookie = context.request().getCookie(SessionCookie.NAME);
        return cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
    }

    private static SecurityIdentity identity(DevTokens.SignedIn signedIn) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(signedIn.user()))
                .addRoles(signedIn.roles())
                // the same credential type quarkus-oidc gives, so calls to the services forward it alike
                .addCredential(new AccessTokenCredential(signedIn.token()))
                .build();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (!tokens.enabled()) return Uni.createFrom().nullItem();
        if (context.request().method() == HttpMethod.GET && acceptsHtml(context)) {
            return Uni.createFrom().item(new ChallengeData(302, HttpHeaders.LOCATION, "/sign-in"));
        }
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    private static boolean acceptsHtml(RoutingContext context) {
        String accept = context.request().getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("text/html");
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    @Override
    public int getPriority() {
        // tried before quarkus-oidc's mechanism, which has no tenant to ask in development mode
        return DEFAULT_PRIORITY + 100;
    }
}
