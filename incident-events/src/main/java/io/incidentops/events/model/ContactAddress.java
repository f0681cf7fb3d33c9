package io.incidentops.events.model;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an {@code address} is on each channel of {@code incident.notification-requested}: intake refuses a contact
 * method that breaks it when it is written (a mistyped number is found then, not in the middle of an outage), comms
 * checks it again before delivering (events may come from older writers).
 */
public final class ContactAddress {

    public static final String EMAIL = "email";
    public static final String SMS = "sms";
    public static final String PHONE = "phone";
    public static final String SLACK = "slack";
    public static final String PUSH = "push";
    public static final String TEAMS = "teams";

    /** Every channel a contact method may have. */
    public static final Set<String> CHANNELS = Set.of(EMAIL, SMS, PHONE, SLACK, PUSH, TEAMS);

    private record Rule(Pattern pattern, String problem) {
    }

    private static final Rule E164 = new Rule(Pattern.compile("\\+[1-9][0-9]{6,14}"),
            "not a phone number in E.164 form (+ country code and number, e.g. +4915112345678)");

    /** E-mail is left to the writer's own, fuller check; the others are what their providers accept. */
    private static final Map<String, Rule> RULES = Map.of(
            EMAIL, new Rule(Pattern.compile("[^\\s@<>,;]+@[^\\s@<>,;]+"), "not an e-mail address"),
            SMS, E164,
            PHONE, E164,
            SLACK, new Rule(Pattern.compile("[UWCGD][A-Z0-9]{2,30}"), "not a Slack user or channel id"),
            // ntfy's own topic rule; it also keeps the address from walking out of the topic path
            PUSH, new Rule(Pattern.compile("[-_A-Za-z0-9]{1,64}"), "not an ntfy topic"),
            // the name of a Teams webhook the operator configured in comms, never a URL (it carries its signature)
            TEAMS, new Rule(Pattern.compile("[A-Za-z0-9_.-]{1,64}"), "not the name of a configured Teams webhook"));

    private ContactAddress() {
    }

    /** Why {@code address} cannot be one on {@code channel}; empty when it can. */
    public static Optional<String> problem(String channel, String address) {
        Rule rule = RULES.get(channel);
        if (rule == null) return Optional.of("unknown channel '" + channel + "'");
        if (address == null || !rule.pattern().matcher(address).matches()) return Optional.of(rule.problem());
        return Optional.empty();
    }
}
