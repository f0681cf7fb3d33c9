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

    /** Why nothing can be sent to this address now (comms does not deliver the channel, or it is not configured). */
    public Optional<String> unconfigured(String channel, String address) {
        return of(channel).map(sender -> sender.unconfigured(address))
                .orElseGet(() -> Optional.of("channel " + channel + " is not delivered by comms"));
    }

    /**
     * One attempt on the delivery's channel: failed when it cannot be sent at all ({@link #unconfigured}), retry when
     * the sender threw. The configuration is read now: it may have changed since the delivery was recorded.
     */
    public Outcome deliver(Delivery d) {
        Optional<String> unconfigured = unconfigured(d.channel(), d.address());
        if (unconfigured.isPresent()) return Outcome.failed(null, unconfigured.get());
        try {
            return senders.get(d.channel()).send(d);
        } catch (RuntimeException e) {
            return Outcome.retry(null, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
    }
}
