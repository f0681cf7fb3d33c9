package io.incidentops.platform.security;

/** The roles a bearer JWT carries in its {@code groups} claim. */
public final class Roles {
    /** Reads incidents, timelines, reports. */
    public static final String VIEWER = "viewer";
    /** Acknowledges, confirms runbook steps, applies mitigations. */
    public static final String RESPONDER = "responder";
    /** Everything a responder does, plus severity changes and resolution. */
    public static final String COMMANDER = "commander";
    /** Everything. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
