package io.incidentops.console.api;

import io.incidentops.console.signin.DevTokens;
import io.incidentops.console.signin.Roles;
import io.incidentops.console.signin.SessionCookie;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Sign-in and sign-out. In production the identity provider signs people in (any protected page starts the
 * authorization-code flow); with the development sign-in on, this page offers one button per role and the console
 * mints the token itself with the local stack's key.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    private static final Pattern USER = Pattern.compile("[\\p{Alnum}._@-]{1,64}");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signIn(boolean dev, List<String> roles);
    }

    @Inject
    DevTokens tokens;

    @Inject
    Instance<OidcSession> oidcSession;

    @GET
    @Path("/sign-in")
    @PermitAll
    public TemplateInstance signIn() {
        return Templates.signIn(tokens.enabled(), Roles.SIGN_IN_CHOICES);
    }

    /** The development sign-in: a token for {@code user} with the role set of {@code role}, in an HttpOnly cookie. */
    @POST
    @Path("/sign-in/dev")
    @PermitAll
    public Response devSignIn(@RestForm String role, @RestForm String user, @Context HttpServerRequest request) {
        if (!tokens.enabled()) {
            throw new jakarta.ws.rs.NotFoundException();
        }
        if (role == null || !Roles.SIGN_IN_CHOICES.contains(role)) {
            throw new BadInput("role", "must be one of " + String.join(", ", Roles.SIGN_IN_CHOICES));
        }
        String name = user == null || user.isBlank() ? role : user.trim();
        if (!USER.matcher(name).matches()) {
            throw new BadInput("user", "must be 1 to 64 letters, digits or . _ @ -");
        }
        String token = tokens.mint(name, role);
        return Response.seeOther(URI.create("/"))
                .header("Set-Cookie", SessionCookie.set(token, tokens.lifetime().toSeconds(), request.isSSL()))
                .build();
    }

    @POST
    @Path("/sign-out")
    @Authenticated
    public Response signOut(@Context HttpServerRequest request) {
        if (!tokens.enabled() && oidcSession.isResolvable()) {
            // ends the console's session; the identity provider's own session is the provider's business
            oidcSession.get().logout().await().indefinitely();
        }
        return Response.seeOther(URI.create("/sign-in"))
                .header("Set-Cookie", SessionCookie.clear(request.isSSL()))
                .build();
    }
}
