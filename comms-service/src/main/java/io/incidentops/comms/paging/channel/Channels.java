package io.incidentops.comms.paging.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every channel sender, by channel name. */
@ApplicationScoped
public class Channels {

    private final Map<String, ChannelSender> senders;

    @Inject
    Channels(@Any Instance<ChannelSender> all) {
        senders = all.stream().collect(Collectors.toUnmodifiableMap(ChannelSender::channel, Function.identity()));
    }

    /** The sender of this channel; empty for a channel comms does not deliver. */
    public Optional<ChannelSender> of(String channel) {
        return Optional.ofNullable(channel == null ? null : senders.get(channel));
    }
}
