package io.incidentops.console.signin;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The signed-in person as pages see it ({@code {inject:caller.name}}) and the token the console forwards to the
 * services on their behalf. What a role may do mirrors the services' {@code @RolesAllowed}; the services decide anyway.
 */
@Named("caller")
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    public boolean signedIn() {
        return !identity.isAnonymous();
    }

    public String name() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    /** Acknowledge, add a responder, confirm a runbook step, request a mitigation. */
    public boolean responder() {
        return identity.hasRole(Roles.RESPONDER) || commander();
    }

    /** Severity, commander, public updates, resolve, reopen, approve a mitigation. */
    public boolean commander() {
        return identity.hasRole(Roles.COMMANDER) || identity.hasRole(Roles.ADMIN);
    }

    /** {@code Bearer <access token>} for the services; null when nobody is signed in. */
    public String bearer() {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        return token == null ? null : "Bearer " + token.getToken();
    }
}
