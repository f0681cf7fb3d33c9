package io.incidentops.comms.paging.channel;

import io.incidentops.events.model.ContactAddress;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * E-mail through quarkus-mailer (SMTP): text/plain, with a PIR invite's calendar attached. The {@code Message-ID} is
 * the delivery's id, the same on every attempt, so a mail system can tell a retry from a new page. Any failure is
 * retried (SMTP gives no reliable permanent/temporary split through the mailer).
 */
@ApplicationScoped
public class EmailSender implements ChannelSender {

    static final String INVITE_FILE = "pir-invite.ics";
    static final String INVITE_TYPE = "text/calendar; method=REQUEST; charset=UTF-8";

    @Inject
    Mailer mailer;

    @Override
    public String channel() {
        return ContactAddress.EMAIL;
    }

    @Override
    public Optional<String> invalidAddress(String address) {
        return Optional.empty();
    }

    @Override
    public Optional<String> unconfigured(String address) {
        return Optional.empty();
    }

    @Override
    public Outcome send(Delivery d) {
        try {
            Mail mail = Mail.withText(d.address(), d.subject(), d.body())
                    .addHeader("Message-ID", "<page-" + d.id() + "@incidentops>");
            if (d.calendar() != null) {
                // iTIP over e-mail (RFC 6047): the method in the content type lets mail clients offer accept/decline
                mail.addAttachment(INVITE_FILE, d.calendar().getBytes(StandardCharsets.UTF_8), INVITE_TYPE);
            }
            mailer.send(mail);
            return Outcome.sent("smtp", null);
        } catch (RuntimeException e) {
            return Outcome.retry("smtp", e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
    }
}
