package io.incidentops.comms.paging.channel;

import io.incidentops.events.model.ContactAddress;

import java.util.Optional;

/**
 * Delivers pages on one channel of {@code NotificationRequested.channel}. The worker asks {@link #send} once per
 * claimed attempt, outside any transaction; a sender never throws for a provider's answer, it says what came of it.
 */
public interface ChannelSender {

    /** The channel name in the contract ({@code email|sms|phone|slack|push}, and {@code teams}). */
    String channel();

    /** Why this address cannot be a target on this channel (checked before anything is stored as pending). */
    default Optional<String> invalidAddress(String address) {
        return ContactAddress.problem(channel(), address);
    }

    /** Why this channel cannot deliver to this address with the configuration it has; empty when it can. */
    Optional<String> unconfigured(String address);

    Outcome send(Delivery delivery);
}
