package io.incidentops.comms.paging.channel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.incidentops.events.model.ContactAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

import static io.incidentops.comms.paging.channel.SlackApi.PROVIDER;
import static io.incidentops.comms.paging.channel.SlackApi.escape;

/**
 * Slack Web API {@code chat.postMessage} with the bot token: the page as a direct message to the Slack user id in the
 * address (a channel id works too), with an Acknowledge button. Slack answers 200 {@code {"ok":false,"error":...}}
 * on failure: {@code ratelimited} (or HTTP 429) waits for its Retry-After, Slack's own transient errors are retried,
 * any other error (unknown user, bad token) fails the page at once.
 */
@ApplicationScoped
public class SlackSender implements ChannelSender {

    @Inject
    SlackApi slack;

    @Override
    public String channel() {
        return ContactAddress.SLACK;
    }

    @Override
    public Optional<String> unconfigured(String address) {
        return slack.unconfigured();
    }

    @Override
    public Outcome send(Delivery d) {
        SlackApi.Reply reply = slack.post("chat.postMessage", message(d));
        if (reply.ok()) return Outcome.sent(PROVIDER, reply.body().path("ts").asText(null));
        String error = "slack: " + reply.error();
        return reply.transientError() ? Outcome.retry(PROVIDER, error, reply.retryAfter())
                : Outcome.failed(PROVIDER, error);
    }

    /** The message: the headline as notification text, the body in a section, the ack link as a button. */
    ObjectNode message(Delivery d) {
        ObjectNode m = slack.object().put("channel", d.address()).put("text", escape(d.subject()));
        ArrayNode blocks = m.putArray("blocks");
        blocks.addObject().put("type", "section").putObject("text")
                .put("type", "mrkdwn").put("text", escape(d.body()));
        if (d.ackUrl() != null) {
            ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject()
                    .put("type", "button").put("style", "danger").put("url", d.ackUrl());
            button.putObject("text").put("type", "plain_text").put("text", "Acknowledge");
        }
        return m;
    }
}
