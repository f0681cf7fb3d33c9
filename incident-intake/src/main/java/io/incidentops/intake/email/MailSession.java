package io.incidentops.intake.email;

import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.declaration.AlertIngest;
import io.incidentops.intake.declaration.IntakeOverloadedException;
import io.incidentops.intake.declaration.IntegrationRateLimits;
import io.incidentops.intake.integrations.Integration;
import io.incidentops.intake.integrations.IntegrationRoute;
import io.incidentops.intake.integrations.Integrations;
import io.incidentops.platform.problem.InvalidInputException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.jboss.logging.Logger;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * One SMTP mail transaction. The recipient address carries the integration key ({@code <key>@<domain>}), checked at
 * RCPT (550: nothing is read, nothing stored); the mail becomes an alert per integration addressed, and 250 is
 * answered only once {@link AlertIngest} committed it. 451 (the sending MTA retries) when intake is at capacity, the
 * integration over its rate limit, or the database unreachable.
 */
final class MailSession implements MessageHandler {

    private static final Logger LOG = Logger.getLogger(MailSession.class);
    /** Parsing only: no transport is ever opened from it. */
    private static final Session MIME = Session.getInstance(new Properties());

    private final Integrations integrations;
    private final MailAlerts alerts;
    private final AlertIngest ingest;
    private final IntegrationRateLimits rateLimits;
    private final Optional<String> domain;
    private final int maxMessageBytes;
    private final Map<String, Integration> recipients = new LinkedHashMap<>();

    MailSession(Integrations integrations, MailAlerts alerts, AlertIngest ingest, IntegrationRateLimits rateLimits,
            Optional<String> domain, int maxMessageBytes) {
        this.integrations = integrations;
        this.alerts = alerts;
        this.ingest = ingest;
        this.rateLimits = rateLimits;
        this.domain = domain;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void from(String from) {
        // anyone may send: the recipient address is the credential
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        int at = recipient.lastIndexOf('@');
        String key = at < 0 ? recipient : recipient.substring(0, at);
        if (at >= 0 && domain.isPresent() && !recipient.substring(at + 1).equalsIgnoreCase(domain.get())) {
            throw new RejectException(550, "5.1.1 <" + recipient + ">: no such integration address");
        }
        // relays may lower-case the local part; keys issued through the API are lower-case hex
        Integration integration = integrations.verify(key)
                .or(() -> integrations.verify(key.toLowerCase(Locale.ROOT)))
                .orElseThrow(() -> new RejectException(550, "5.1.1 <" + recipient + ">: no such integration address"));
        if (!integration.mayUse(IntegrationRoute.EMAIL)) {
            throw new RejectException(550, "5.7.1 <" + recipient + ">: integration '" + integration.name()
                    + "' may not use the 'email' route");
        }
        recipients.put(integration.name(), integration);
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        byte[] bytes = readAtMost(data, maxMessageBytes);
        if (bytes == null) {
            throw new RejectException(552, "5.3.4 message larger than " + maxMessageBytes + " bytes");
        }
        for (Integration integration : recipients.values()) {
            deliver(integration, bytes);
        }
        return null;
    }

    private void deliver(Integration integration, byte[] bytes) throws RejectException {
        try {
            Alert alert = alerts.toAlert(integration, new MimeMessage(MIME, new ByteArrayInputStream(bytes)));
            rateLimits.acquire(integration, 1);
            ingest.ingest(integration, alert);
        } catch (MessagingException | IOException | InvalidInputException e) {
            throw new RejectException(554, "5.6.0 not an alert mail: " + e.getMessage());
        } catch (IntakeOverloadedException e) {
            throw new RejectException(451, "4.3.2 " + e.getMessage() + "; try again later");
        } catch (RuntimeException e) {
            // the database or the writer failed: nothing was committed, the sending MTA retries
            LOG.warnf(e, "email from integration '%s' not stored", integration.name());
            throw new RejectException(451, "4.3.0 the alert could not be stored; try again later");
        }
    }

    /**
     * The whole mail, or null when it is larger than {@code max} (read to its end all the same: the library hands the
     * rest of the stream back to the command reader).
     */
    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 64 * 1024));
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total <= max) out.write(buffer, 0, n);
        }
        return total > max ? null : out.toByteArray();
    }

    @Override
    public void done() {
        recipients.clear();
    }
}
