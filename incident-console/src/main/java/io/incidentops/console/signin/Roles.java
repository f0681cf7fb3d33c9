package io.incidentops.console.signin;

import java.util.List;
import java.util.Set;

/** The roles the services' APIs know (the {@code groups} claim), and what each may do in the console. */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String RESPONDER = "responder";
    public static final String COMMANDER = "commander";
    public static final String ADMIN = "admin";

    /** The development sign-in's buttons, most powerful first. */
    public static final List<String> SIGN_IN_CHOICES = List.of(ADMIN, COMMANDER, RESPONDER, VIEWER);

    private Roles() {
    }

    /** The role set a development sign-in as {@code role} carries: each role includes the ones below it. */
    public static Set<String> granted(String role) {
        return switch (role) {
            case ADMIN -> Set.of(ADMIN, COMMANDER, RESPONDER, VIEWER);
            case COMMANDER -> Set.of(COMMANDER, RESPONDER, VIEWER);
            case RESPONDER -> Set.of(RESPONDER, VIEWER);
            case VIEWER -> Set.of(VIEWER);
            default -> throw new IllegalArgumentException("unknown role " + role);
        };
    }
}
