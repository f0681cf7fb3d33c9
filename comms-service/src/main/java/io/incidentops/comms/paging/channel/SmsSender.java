package io.incidentops.comms.paging.channel;

import io.incidentops.events.model.ContactAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;

/** SMS through the Twilio-compatible providers ({@code Messages.json}: {@code To}, {@code From}, {@code Body}). */
@ApplicationScoped
public class SmsSender implements ChannelSender {

    @Inject
    TwilioProviders providers;

    @Override
    public String channel() {
        return ContactAddress.SMS;
    }

    @Override
    public Optional<String> unconfigured(String address) {
        return providers.configured() ? Optional.empty()
                : Optional.of("no SMS/voice provider is configured (incidentops.comms.channels.twilio.providers)");
    }

    @Override
    public Outcome send(Delivery d) {
        return providers.post("Messages", Map.of("To", d.address(), "Body", d.body()));
    }
}
