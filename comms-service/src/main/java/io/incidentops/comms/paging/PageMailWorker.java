package io.incidentops.comms.paging;

import io.incidentops.comms.paging.Pages.Claimed;
import io.incidentops.platform.worker.ClaimWorker;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sends pending pages, update reminders and PIR invites (with their calendar attached) by e-mail (quarkus-mailer, SMTP) outside any transaction, one attempt per claim; a failure is
 * retried with backoff up to {@code paging.max-attempts}. The {@code Message-ID} is the page's id, the same on every
 * attempt, so a mail system can tell a retry from a new page.
 */
@ApplicationScoped
public class PageMailWorker extends ClaimWorker<Claimed> {

    private static final Logger LOG = Logger.getLogger(PageMailWorker.class);
    static final String INVITE_FILE = "pir-invite.ics";
    static final String INVITE_TYPE = "text/calendar; method=REQUEST; charset=UTF-8";

    @Inject
    Pages pages;

    @Inject
    Mailer mailer;

    @Inject
    MeterRegistry meters;

    @Scheduled(identity = "page-mail", every = "${incidentops.comms.paging.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sendDue() {
        runOnce();
    }

    @Override
    protected List<Claimed> claim() {
        return pages.claimDue();
    }

    @Override
    protected String describe(Claimed c) {
        return "page " + c.id() + " of " + c.incidentId() + " attempt " + c.attempt();
    }

    @Override
    protected void work(Claimed c) {
        String outcome;
        try {
            Mail mail = Mail.withText(c.address(), c.subject(), c.body())
                    .addHeader("Message-ID", "<page-" + c.id() + "@incidentops>");
            if (c.calendar() != null) {
                // iTIP over e-mail (RFC 6047): the method in the content type lets mail clients offer accept/decline
                mail.addAttachment(INVITE_FILE, c.calendar().getBytes(StandardCharsets.UTF_8), INVITE_TYPE);
            }
            mailer.send(mail);
            pages.sent(c.id());
            outcome = "sent";
        } catch (RuntimeException e) {
            outcome = pages.attemptFailed(c.id(), e.getClass().getSimpleName() + ": " + e.getMessage()) ? "retry" : "failed";
            LOG.warnf("%s: %s (%s)", describe(c), outcome, e.getMessage());
        }
        meters.counter("incidentops.comms.page.attempts", "channel", "email", "outcome", outcome).increment();
    }
}
