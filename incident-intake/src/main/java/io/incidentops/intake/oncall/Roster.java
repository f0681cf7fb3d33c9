package io.incidentops.intake.oncall;

import io.incidentops.events.model.Responder;
import io.incidentops.events.model.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who is paged and who commands, per severity (seed step 2): P0 on-call + engineering lead + management; P1 on-call +
 * lead; P2, P3 and P4 the team's primary responder (P4 too, so that every incident has an owner). P0/P1 get a commander
 * (the team's commander, else its lead).
 */
@ApplicationScoped
public class Roster {

    public static final String ON_CALL = "on-call";
    public static final String LEAD = "engineering-lead";
    public static final String MANAGEMENT = "management";
    public static final String PRIMARY = "primary";
    public static final String COMMANDER = "incident-commander";

    private static final Pattern NAME_CONTACT = Pattern.compile("^\\s*([^<]+?)\\s*(?:<([^>]*)>)?\\s*$");

    @Inject
    OncallConfig config;

    /** The configured team named by the alert's team label, else the default team. */
    public String teamFor(String teamLabel) {
        if (teamLabel != null && config.teams().containsKey(teamLabel)) {
            return teamLabel;
        }
        return config.defaultTeam();
    }

    public List<Responder> respondersFor(String team, Severity severity) {
        OncallConfig.Team t = config.teams().get(team);
        List<Responder> out = new ArrayList<>();
        if (t == null) {
            return out;
        }
        switch (severity) {
            case P0 -> {
                person(t.onCall(), ON_CALL).ifPresent(out::add);
                person(t.lead(), LEAD).ifPresent(out::add);
                person(t.management(), MANAGEMENT).ifPresent(out::add);
            }
            case P1 -> {
                person(t.onCall(), ON_CALL).ifPresent(out::add);
                person(t.lead(), LEAD).ifPresent(out::add);
            }
            default -> person(t.primary().or(t::onCall), PRIMARY).ifPresent(out::add);
        }
        return out;
    }

    public Optional<Responder> commanderFor(String team) {
        OncallConfig.Team t = config.teams().get(team);
        if (t == null) {
            return Optional.empty();
        }
        return person(t.commander().or(t::lead), COMMANDER);
    }

    /** Parses {@code Name <contact>} (the contact part is optional). */
    static Optional<Responder> person(Optional<String> entry, String role) {
        return entry.filter(e -> !e.isBlank()).map(e -> {
            Matcher m = NAME_CONTACT.matcher(e);
            if (!m.matches()) {
                return new Responder(e.trim(), role, null);
            }
            return new Responder(m.group(1), role, m.group(2) == null || m.group(2).isBlank() ? null : m.group(2).trim());
        });
    }
}
