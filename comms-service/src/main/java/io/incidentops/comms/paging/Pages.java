package io.incidentops.comms.paging;

import io.incidentops.platform.worker.Traced;
import io.incidentops.comms.config.CommsConfig;
import io.incidentops.comms.notification.Audience;
import io.incidentops.comms.notification.DeliveryKeys;
import io.incidentops.comms.paging.channel.ChannelSender;
import io.incidentops.comms.paging.channel.Channels;
import io.incidentops.comms.paging.channel.Delivery;
import io.incidentops.comms.paging.channel.Outcome;
import io.incidentops.comms.webhook.Backoff;
import io.incidentops.events.comms.NotificationSent;
import io.incidentops.events.intake.NotificationRequested;
import io.incidentops.events.model.Responder;
import io.incidentops.events.reporter.PirInviteRequested;
import io.incidentops.platform.outbox.Outbox;
import io.incidentops.platform.tracing.TraceParents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The database side of paging (pages, the commander's update reminders, PIR invites): a request is recorded once (keyed by its notificationId, in the event handler's
 * transaction) with its text for its channel; the worker claims due deliveries one per short transaction (SKIP
 * LOCKED, the next attempt pushed past a lease) and records each outcome, retrying with exponential backoff.
 */
@ApplicationScoped
@Transactional
public class Pages {

    /** One address, no display name or list: what a roster's contact is when it is an e-mail address. */
    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>,;]+@[^\\s@<>,;]+");

    @Inject
    EntityManager em;

    @Inject
    CommsConfig config;

    @Inject
    Clock clock;

    @Inject
    Channels channels;

    @Inject
    PageDeliveryWorker worker;

    @Inject
    Outbox outbox;

    /**
     * @param warRoom the incident's war room, named in the text; null when there is none
     * @return false when this request was recorded before (a redelivered or repeated event): nothing to do
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean requested(NotificationRequested r, WarRoomLink warRoom) {
        UUID id = UUID.fromString(r.notificationId());
        if (PageDelivery.findById(id) != null) {
            return false;
        }
        boolean reminder = NotificationRequested.UPDATE_REMINDER.equals(r.purpose());
        PageDelivery p = delivery(id, r.incidentId(), r.channel(), r.address(), r.userName(),
                reminder ? PageMail.reminderSubjectOf(r) : PageMail.subjectOf(r),
                "email".equals(r.channel())
                        ? (reminder ? PageMail.reminderBody(r, warRoom) : PageMail.body(r, warRoom)).render()
                        : ChannelText.of(r, warRoom));
        p.ackUrl = r.ackUrl();
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
            UUID id = DeliveryKeys.of(invite.inviteId(), attendee.contact().toLowerCase(Locale.ROOT));
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
        UUID id = DeliveryKeys.of(PageDelivery.COMMANDER_NOTICE, incidentId, at);
        return notice(id, incidentId, PageDelivery.COMMANDER_NOTICE, "email", contact, commander, subject, body);
    }

    /**
     * A notice to one person on one channel, its text already rendered for that channel, high urgency; keyed by
     * {@code id}, so the event that asked for it, repeated, records nothing more.
     *
     * @return false when it was recorded before
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean notice(UUID id, String incidentId, String purpose, String channel, String address, String userName,
                          String subject, String body) {
        if (PageDelivery.findById(id) != null) return false;
        PageDelivery p = delivery(id, incidentId, channel, address, userName, PageMail.oneLine(subject), body);
        p.purpose = purpose;
        p.urgency = "high";
        p.persist();
        return true;
    }

    /**
     * A new delivery, due now; recorded without being sent (with the reason) when comms does not deliver its channel
     * ({@code unsupported}), the address cannot be one on it ({@code failed}), or the channel is not configured
     * ({@code unconfigured}).
     */
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
        Optional<ChannelSender> sender = channels.of(channel);
        if (sender.isEmpty()) {
            p.status = PageDelivery.UNSUPPORTED;
            p.lastError = "channel " + channel + " is not delivered by comms";
        } else {
            String target = address == null ? "" : address.strip();
            p.lastError = sender.get().invalidAddress(target).orElse(null);
            p.status = p.lastError != null ? PageDelivery.FAILED : PageDelivery.PENDING;
            if (p.lastError == null) {
                p.lastError = sender.get().unconfigured(target).orElse(null);
                if (p.lastError != null) p.status = PageDelivery.UNCONFIGURED;
            }
        }
        // sent as soon as the caller's transaction commits, not at the worker's next poll
        if (PageDelivery.PENDING.equals(p.status)) worker.wakeUpAfterCommit();
        p.nextAttemptAt = now;
        p.createdAt = now;
        p.traceparent = TraceParents.current(); // the request's: its attempts and receipts are worked in its trace
        return p;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PageDelivery> ofIncident(String incidentId) {
        return PageDelivery.list("incidentId = ?1 order by createdAt, id", incidentId);
    }

    /** Claims the next due delivery for one attempt (its own short transaction, committed with the lease). */
    @SuppressWarnings("unchecked")
    public Optional<Delivery> claimNext() {
        Instant now = Instant.now(clock);
        List<PageDelivery> due = em.createNativeQuery("SELECT * FROM page_delivery WHERE status = 'pending' "
                        + "AND next_attempt_at <= :now ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED",
                        PageDelivery.class)
                .setParameter("now", now)
                .getResultList();
        return due.stream().findFirst().map(p -> {
            p.attempts++;
            p.nextAttemptAt = now.plus(config.paging().lease());
            p.claimToken = UUID.randomUUID();
            return new Delivery(p.id, p.incidentId, p.channel, p.address.strip(), p.urgency, p.subject, p.body,
                    p.ackUrl, p.calendar, p.attempts, p.traceparent, p.claimToken);
        });
    }

    /** What became of an attempt. */
    public enum Recorded {
        SENT, RETRY, FAILED,
        /** The claim was no longer the row's: another replica claimed the page after this lease; its word stands. */
        SUPERSEDED
    }

    public Recorded sent(Delivery d, String provider, String providerId) {
        PageDelivery p = current(d);
        if (p == null) return Recorded.SUPERSEDED;
        p.status = PageDelivery.SENT;
        p.lastError = null;
        p.provider = provider;
        p.providerId = providerId;
        p.sentAt = Instant.now(clock);
        // an SMS or call the provider accepted: its receipt is looked up from then on
        p.nextAttemptAt = p.sentAt.plus(config.channels().twilio().receiptInterval());
        // the timeline's "paged Alex by email at 03:12": when the person was reached, not when it was asked for
        outbox.publish(new NotificationSent(p.incidentId, p.channel, Audience.RESPONDERS.wire(),
                p.purpose == null ? NotificationRequested.PAGE : p.purpose, p.userName != null ? p.userName : p.channel,
                p.subject, p.sentAt));
        return Recorded.SENT;
    }

    /** The claimed delivery, locked, while the claim is still its current one; null otherwise. */
    private PageDelivery current(Delivery d) {
        PageDelivery p = em.find(PageDelivery.class, d.id(), LockModeType.PESSIMISTIC_WRITE);
        return p != null && d.claimToken() != null && d.claimToken().equals(p.claimToken)
                && PageDelivery.PENDING.equals(p.status) ? p : null;
    }

    /** A sent SMS or call whose receipt is due, claimed (its next look-up pushed past the lease). */
    public record ReceiptDue(UUID id, String channel, String provider, String providerId, String traceparent) implements Traced {
    }

    /** Provider statuses after which nothing changes any more (Twilio's, for messages and calls). */
    static final List<String> FINAL_RECEIPTS = List.of("delivered", "undelivered", "failed", "read", "canceled",
            "completed", "busy", "no-answer");

    @SuppressWarnings("unchecked")
    public Optional<ReceiptDue> claimReceipt() {
        Instant now = Instant.now(clock);
        List<PageDelivery> due = em.createNativeQuery("SELECT * FROM page_delivery WHERE status = 'sent' "
                        + "AND provider_id IS NOT NULL AND channel IN ('sms', 'phone') AND next_attempt_at <= :now "
                        + "AND sent_at > :since AND (receipt IS NULL OR receipt NOT IN (:final)) "
                        + "ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED", PageDelivery.class)
                .setParameter("now", now)
                .setParameter("since", now.minus(config.channels().twilio().receiptWindow()))
                .setParameter("final", FINAL_RECEIPTS)
                .getResultList();
        return due.stream().findFirst().map(p -> {
            p.nextAttemptAt = now.plus(config.paging().lease());
            return new ReceiptDue(p.id, p.channel, p.provider, p.providerId, p.traceparent);
        });
    }

    /** Records the provider's status (null: it could not tell now) and when to look again. */
    public void receipt(UUID id, String status) {
        PageDelivery p = PageDelivery.findById(id);
        Instant now = Instant.now(clock);
        if (status != null) {
            p.receipt = status.length() > 40 ? status.substring(0, 40) : status;
            p.receiptAt = now;
        }
        p.nextAttemptAt = now.plus(config.channels().twilio().receiptInterval());
    }

    /**
     * Records a failed attempt: retried after the backoff (or the provider's Retry-After, capped by the max backoff)
     * unless the provider refused it for good or the attempts are used up.
     *
     * A retry is scheduled, or the page is failed for good.
     */
    public Recorded attemptFailed(Delivery d, Outcome outcome) {
        PageDelivery p = current(d);
        if (p == null) return Recorded.SUPERSEDED;
        String error = outcome.error();
        p.lastError = error == null ? null : error.substring(0, Math.min(500, error.length()));
        p.provider = outcome.provider();
        if (outcome.result() == Outcome.Result.FAILED || p.attempts >= config.paging().maxAttempts()) {
            p.status = PageDelivery.FAILED;
            return Recorded.FAILED;
        }
        p.nextAttemptAt = Instant.now(clock).plus(Backoff.after(p.attempts, outcome.retryAfter(),
                config.paging().retryBackoff(), config.paging().maxBackoff()));
        return Recorded.RETRY;
    }

    Duration backoff(int attempts) {
        return Backoff.after(attempts, config.paging().retryBackoff(), config.paging().maxBackoff());
    }
}
