package io.incidentops.comms.paging;

import io.incidentops.comms.config.CommsConfig;
import io.incidentops.comms.webhook.Backoff;
import io.incidentops.events.intake.NotificationRequested;
import io.incidentops.events.model.Responder;
import io.incidentops.events.reporter.PirInviteRequested;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The database side of paging (pages, the commander's update reminders, PIR invites): a request is recorded once (keyed by its notificationId, in the event handler's
 * transaction); the worker claims due e-mails in short transactions (SKIP LOCKED, the next attempt pushed past a
 * lease) and records each outcome, retrying with exponential backoff.
 */
@ApplicationScoped
@Transactional
public class Pages {

    /** An e-mail claimed for one attempt; {@code calendar} is attached when not null. */
    public record Claimed(UUID id, String incidentId, String address, String subject, String body, String calendar,
                          int attempt) {
    }

    /** One address, no display name or list: what a roster's contact is when it is an e-mail address. */
    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>,;]+@[^\\s@<>,;]+");

    @Inject
    EntityManager em;

    @Inject
    CommsConfig config;

    @Inject
    Clock clock;

    /** @return false when this request was recorded before (a redelivered or repeated event): nothing to do */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean requested(NotificationRequested r) {
        UUID id = UUID.fromString(r.notificationId());
        if (PageDelivery.findById(id) != null) {
            return false;
        }
        boolean reminder = NotificationRequested.UPDATE_REMINDER.equals(r.purpose());
        PageDelivery p = delivery(id, r.incidentId(), r.channel(), r.address(), r.userName(),
                reminder ? PageMail.reminderSubjectOf(r) : PageMail.subjectOf(r),
                (reminder ? PageMail.reminderBody(r) : PageMail.body(r)).render());
        p.purpose = r.purpose();
        p.stepId = r.stepId();
        p.rule = r.rule();
        p.pass = r.pass();
        p.userId = r.userId();
        p.urgency = r.urgency();
        p.persist();
        return true;
    }

    /**
     * The PIR's calendar invite: one e-mail per attendee, keyed by the invite and the address, so a redelivered or
     * repeated request mails nobody twice.
     *
     * @return how many attendees were recorded now
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int invited(PirInviteRequested invite) {
        int recorded = 0;
        for (Responder attendee : invite.attendees()) {
            if (attendee.contact() == null) continue;
            UUID id = UUID.nameUUIDFromBytes((invite.inviteId() + "/" + attendee.contact().toLowerCase(Locale.ROOT))
                    .getBytes(StandardCharsets.UTF_8));
            if (PageDelivery.findById(id) != null) continue;
            PageDelivery p = delivery(id, invite.incidentId(), "email", attendee.contact(), attendee.name(),
                    PageMail.oneLine(invite.subject()), PageMail.inviteBody(invite, attendee).render());
            p.purpose = PageDelivery.PIR_INVITE;
            p.urgency = "low";
            p.calendar = invite.calendar();
            p.persist();
            recorded++;
        }
        return recorded;
    }

    /**
     * A notice mailed to the incident's commander when their contact is an e-mail address (the text is the internal
     * notice, already rendered); keyed by the incident and {@code at}, so a repeated event mails nobody twice.
     *
     * @return false when there is no address to mail or it was recorded before
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean commanderNotice(String incidentId, String commander, String contact, Instant at, String subject,
                                   String body) {
        if (contact == null || !EMAIL.matcher(contact).matches()) return false;
        UUID id = UUID.nameUUIDFromBytes((PageDelivery.COMMANDER_NOTICE + "/" + incidentId + "/" + at)
                .getBytes(StandardCharsets.UTF_8));
        if (PageDelivery.findById(id) != null) return false;
        PageDelivery p = delivery(id, incidentId, "email", contact, commander, PageMail.oneLine(subject), body);
        p.purpose = PageDelivery.COMMANDER_NOTICE;
        p.urgency = "high";
        p.persist();
        return true;
    }

    /** A new delivery, due now; e-mail is sent, other channels are recorded as unsupported. */
    private PageDelivery delivery(UUID id, String incidentId, String channel, String address, String userName,
                                  String subject, String body) {
        Instant now = Instant.now(clock);
        PageDelivery p = new PageDelivery();
        p.id = id;
        p.incidentId = incidentId;
        p.channel = channel;
        p.address = address;
        p.userName = userName;
        p.subject = subject;
        p.body = body;
        boolean email = "email".equals(channel);
        p.status = email ? PageDelivery.PENDING : PageDelivery.UNSUPPORTED;
        p.lastError = email ? null : "channel " + channel + " is not delivered yet";
        p.nextAttemptAt = now;
        p.createdAt = now;
        return p;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PageDelivery> ofIncident(String incidentId) {
        return PageDelivery.list("incidentId = ?1 order by createdAt, id", incidentId);
    }

    @SuppressWarnings("unchecked")
    public List<Claimed> claimDue() {
        Instant now = Instant.now(clock);
        List<PageDelivery> due = em.createNativeQuery("SELECT * FROM page_delivery WHERE status = 'pending' "
                        + "AND next_attempt_at <= :now ORDER BY next_attempt_at LIMIT :n FOR UPDATE SKIP LOCKED",
                        PageDelivery.class)
                .setParameter("now", now)
                .setParameter("n", config.paging().batchSize())
                .getResultList();
        Instant lease = now.plus(config.paging().lease());
        return due.stream().map(p -> {
            p.attempts++;
            p.nextAttemptAt = lease;
            return new Claimed(p.id, p.incidentId, p.address, p.subject, p.body, p.calendar, p.attempts);
        }).toList();
    }

    public void sent(UUID id) {
        PageDelivery p = PageDelivery.findById(id);
        p.status = PageDelivery.SENT;
        p.lastError = null;
        p.sentAt = Instant.now(clock);
    }

    /** @return true when a retry was scheduled, false when the page is now failed for good */
    public boolean attemptFailed(UUID id, String error) {
        PageDelivery p = PageDelivery.findById(id);
        p.lastError = error == null ? null : error.substring(0, Math.min(500, error.length()));
        if (p.attempts >= config.paging().maxAttempts()) {
            p.status = PageDelivery.FAILED;
            return false;
        }
        p.nextAttemptAt = Instant.now(clock).plus(backoff(p.attempts));
        return true;
    }

    Duration backoff(int attempts) {
        return Backoff.after(attempts, config.paging().retryBackoff(), config.paging().maxBackoff());
    }
}
