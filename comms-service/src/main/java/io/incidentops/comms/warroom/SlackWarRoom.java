package io.incidentops.comms.warroom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.incidentops.comms.paging.channel.SlackApi;
import io.incidentops.comms.paging.channel.SlackApi.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Slack Web API calls of a war room, through comms' one Slack client ({@link SlackApi}). Answers that mean "it
 * is already so" (the user is in the channel, the message pinned, the channel archived or not) count as done, so a
 * step repeated after a lost answer changes nothing.
 */
@ApplicationScoped
class SlackWarRoom {

    /** Pages of {@code conversations.list} read at most when looking for a taken name. */
    static final int MAX_LIST_PAGES = 50;

    @Inject
    SlackApi slack;

    /** A channel Slack made or already had: its id and name; or why neither could be had. */
    record Channel(String id, String name, Reply failure) {
    }

    /** {@code conversations.create}; on {@code name_taken} the existing channel of that name is looked up. */
    Channel create(String name) {
        Reply created = slack.post("conversations.create", slack.object().put("name", name).put("is_private", false));
        if (created.ok()) {
            JsonNode channel = created.body().path("channel");
            return new Channel(channel.path("id").asText(), channel.path("name").asText(name), null);
        }
        if (!"name_taken".equals(created.error())) return new Channel(null, null, created);
        return find(name);
    }

    /** {@code conversations.list} page by page (public and private channels the bot sees) for the channel {@code name}. */
    private Channel find(String name) {
        String cursor = "";
        for (int page = 0; page < MAX_LIST_PAGES; page++) {
            Map<String, String> arguments = new LinkedHashMap<>();
            arguments.put("types", "public_channel,private_channel");
            arguments.put("exclude_archived", "true");
            arguments.put("limit", "1000");
            if (!cursor.isEmpty()) arguments.put("cursor", cursor);
            Reply listed = slack.get("conversations.list", arguments);
            if (!listed.ok()) return new Channel(null, null, listed);
            for (JsonNode channel : listed.body().path("channels")) {
                if (name.equals(channel.path("name").asText())) return new Channel(channel.path("id").asText(), name, null);
            }
            cursor = listed.body().path("response_metadata").path("next_cursor").asText("");
            if (cursor.isEmpty()) break;
        }
        return new Channel(null, null, new Reply(false, "name_taken, but no channel named " + name
                + " is visible to the bot", MissingNode.getInstance(), 200, null));
    }

    /** {@code conversations.invite} of one user (so that one refusal does not hold back the others). */
    /** Refusals of one invited user (the others are still invited; this one is not asked again). */
    static final Set<String> USER_REFUSED = Set.of("user_not_found", "user_is_bot", "user_is_restricted",
            "user_is_ultra_restricted", "user_disabled", "cant_invite", "ura_max_channels", "no_user");

    Reply invite(String channelId, String user) {
        return done(slack.post("conversations.invite", slack.object().put("channel", channelId).put("users", user)),
                "already_in_channel", "cant_invite_self");
    }

    /** {@code chat.postMessage} of the summary; its {@code ts} is what {@link #pin} pins. */
    Reply post(String channelId, String text) {
        return slack.post("chat.postMessage", slack.object().put("channel", channelId).put("text", SlackApi.escape(text))
                .put("unfurl_links", false));
    }

    Reply pin(String channelId, String ts) {
        return done(slack.post("pins.add", slack.object().put("channel", channelId).put("timestamp", ts)),
                "already_pinned");
    }

    Reply archive(String channelId) {
        return done(slack.post("conversations.archive", slack.object().put("channel", channelId)), "already_archived");
    }

    Reply unarchive(String channelId) {
        return done(slack.post("conversations.unarchive", slack.object().put("channel", channelId)), "not_archived");
    }

    /** A refusal that says the wanted state already holds counts as success. */
    private static Reply done(Reply reply, String... already) {
        return !reply.ok() && Set.of(already).contains(reply.error())
                ? new Reply(true, null, reply.body(), reply.status(), null) : reply;
    }

}
