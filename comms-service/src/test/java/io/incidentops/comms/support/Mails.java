package io.incidentops.comms.support;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.Arrays;
import java.util.List;

/** What the test SMTP server (GreenMail) received. */
public final class Mails {

    private Mails() {
    }

    /** The messages addressed to {@code address}, in arrival order. */
    public static List<MimeMessage> to(GreenMail smtp, String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
