package io.incidentops.comms.paging.channel;

import io.incidentops.events.model.ContactAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;

/**
 * Voice calls through the Twilio-compatible providers ({@code Calls.json}: {@code To}, {@code From}, {@code Twiml});
 * the page's body is already the TwiML document ({@code <Response><Say>...</Say></Response>}).
 */
@ApplicationScoped
public class VoiceSender implements ChannelSender {

    @Inject
    SmsSender sms;

    @Inject
    TwilioProviders providers;

    @Override
    public String channel() {
        return ContactAddress.PHONE;
    }

    @Override
    public Optional<String> unconfigured(String address) {
        return sms.unconfigured(address);
    }

    @Override
    public Outcome send(Delivery d) {
        return providers.post("Calls", Map.of("To", d.address(), "Twiml", d.body()));
    }
}
