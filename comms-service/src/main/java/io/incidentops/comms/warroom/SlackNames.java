package io.incidentops.comms.warroom;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Slack's rules for channel names and user ids, and the link that opens a channel. */
final class SlackNames {

    /** Slack's longest channel name. */
    static final int MAX = 80;
    private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");

    private SlackNames() {
    }

    /**
     * A channel name Slack accepts: lower case, {@code [a-z0-9-_]} only (anything else, a leading {@code #} aside,
     * becomes {@code -}), at most {@value #MAX} characters; {@code incident-<id>} when nothing is left.
     */
    static String channel(String requested, String incidentId) {
        String name = sanitise(requested == null ? "" : requested.strip().replaceFirst("^#+", ""));
        if (name.isEmpty()) name = sanitise("incident-" + incidentId);
        return name.length() > MAX ? name.substring(0, MAX) : name;
    }

    private static String sanitise(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-").replaceAll("^-+", "");
    }

    /** A Slack user id ({@code U…}/{@code W…}): only people are invited (a page may go to a channel id). */
    static boolean isUser(String address) {
        return address != null && USER_ID.matcher(address.strip()).matches();
    }

    /** The workspace's own link when configured, else Slack's redirect that opens the channel in any workspace. */
    static String link(String channelId, Optional<String> workspaceUrl) {
        return workspaceUrl.filter(u -> !u.isBlank())
                .map(u -> u.strip().replaceAll("/+$", "") + "/archives/" + channelId)
                .orElse("https://slack.com/app_redirect?channel=" + channelId);
    }
}
