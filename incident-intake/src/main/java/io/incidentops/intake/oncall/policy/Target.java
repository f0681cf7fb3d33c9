package io.incidentops.intake.oncall.policy;

/** Whom a rule pages: {@code type} {@code schedule} (whoever is on call then) or {@code user}. */
public record Target(String type, String id) {
    public static final String SCHEDULE = "schedule";
    public static final String USER = "user";
}
