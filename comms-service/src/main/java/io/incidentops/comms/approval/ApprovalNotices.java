package io.incidentops.comms.approval;

import io.incidentops.comms.incident.TrackedIncident;
import io.incidentops.comms.notification.Audience;
import io.incidentops.comms.notification.DeliveryKeys;
import io.incidentops.comms.notification.Kind;
import io.incidentops.comms.notification.NotificationService;
import io.incidentops.comms.paging.ChannelText;
import io.incidentops.comms.paging.PageDelivery;
import io.incidentops.comms.paging.Pages;
import io.incidentops.events.executor.MitigationApprovalRequested;
import io.incidentops.events.intake.NotificationRequested;
import io.incidentops.events.model.ContactAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code mitigation.approval-requested}: the incident's commander is told on their channels — the contact intake named
 * with {@code incident.commander-assigned} when it is an e-mail address, and every channel they were paged on for this
 * incident — and, while no commander is known, the people paged for it (its on-call responders). Each notice is a
 * page delivery of purpose {@code approval-request}, keyed by the mitigation, channel and address, so a redelivered or
 * re-published request sends nobody a second one. The one-click approve and reject links go only to the person the
 * executor signed them for ({@code linkFor}), in e-mail, chat and push; an SMS is too short for them. The responders'
 * webhook (the team's room) is told once per mitigation too, with the API endpoints only.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class ApprovalNotices {

    public static final String PURPOSE = "approval-request";
    private static final Logger LOG = Logger.getLogger(ApprovalNotices.class);

    @Inject
    Pages pages;

    @Inject
    NotificationService notifications;

    /** One person on one channel. */
    record Recipient(String channel, String address, String name) {
        String key() {
            return channel + "/" + address.strip().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @return how many notices to people were recorded now (0 for a repeated request, or when nobody is known to
     * tell); the responders' webhook is not counted
     */
    public int requested(MitigationApprovalRequested r) {
        TrackedIncident incident = TrackedIncident.findById(r.incidentId());
        String severity = r.severity() != null ? r.severity().name()
                : incident != null && incident.severity != null ? incident.severity.name() : "P?";
        String subject = ApprovalText.subject(r, severity).render();
        toResponders(r, severity, subject);
        List<Recipient> recipients = recipients(incident, pages.ofIncident(r.incidentId()));
        if (recipients.isEmpty()) {
            LOG.warnf("incident %s: mitigation %s awaits approval, and neither a commander nor a paged responder is "
                    + "known to tell in person", r.incidentId(), r.mitigationId());
            return 0;
        }
        int recorded = 0;
        for (Recipient to : recipients) {
            UUID id = DeliveryKeys.of(PURPOSE, r.mitigationId(), to.key());
            if (pages.notice(id, r.incidentId(), PURPOSE, to.channel(), to.address(), to.name(), subject,
                    text(r, severity, to))) {
                recorded++;
            }
        }
        return recorded;
    }

    /**
     * The team's room (the responders' webhook) hears of the request once per mitigation, with the approve and reject
     * endpoints (each needs a commander's login), never the one-click links: they act as the person they were signed
     * for, and a room is read by many.
     */
    private void toResponders(MitigationApprovalRequested r, String severity, String subject) {
        UUID id = DeliveryKeys.of(PURPOSE, r.mitigationId(), "responders-webhook");
        // a chat post has no subject line: it leads, as in the other notices
        notifications.webhookOnce(id, r.incidentId(), Audience.RESPONDERS, Kind.UPDATE, subject,
                subject + "\n\n" + ApprovalText.body(r, severity, null, false).render().strip());
    }

    /** The commander's channels when one is known, else everyone paged for the incident; each channel and address once. */
    static List<Recipient> recipients(TrackedIncident incident, List<PageDelivery> deliveries) {
        String commander = incident == null || incident.commanderName == null || incident.commanderName.isBlank()
                ? null : incident.commanderName.strip();
        Map<String, Recipient> found = new LinkedHashMap<>();
        if (commander != null && incident.commanderContact != null
                && ContactAddress.problem(ContactAddress.EMAIL, incident.commanderContact.strip()).isEmpty()) {
            Recipient mail = new Recipient(ContactAddress.EMAIL, incident.commanderContact.strip(), commander);
            found.put(mail.key(), mail);
        }
        for (PageDelivery page : deliveries) {
            if (!NotificationRequested.PAGE.equals(page.purpose) || page.address == null || page.address.isBlank()) {
                continue;
            }
            boolean theirs = commander == null || commander.equalsIgnoreCase(page.userName)
                    || commander.equalsIgnoreCase(page.userId);
            if (theirs) {
                Recipient paged = new Recipient(page.channel, page.address.strip(), page.userName);
                found.putIfAbsent(paged.key(), paged);
            }
        }
        return List.copyOf(found.values());
    }

    /** The notice as its channel carries it: TwiML for a call, a short text for an SMS, else the full text. */
    private static String text(MitigationApprovalRequested r, String severity, Recipient to) {
        return switch (to.channel()) {
            case ContactAddress.SMS -> {
                String sms = ApprovalText.sms(r, severity).render().strip().replaceAll("\\s+", " ");
                yield ChannelText.fitSms(sms);
            }
            case ContactAddress.PHONE -> ApprovalText.voice(r, severity).render().strip();
            default -> ApprovalText.body(r, severity, to.name(), linksFor(r, to)).render().strip();
        };
    }

    /**
     * Whether {@code to} may get the one-click links: they act as the person the executor signed them for, so only
     * that person does (the others get the API endpoints, which need their own login).
     */
    static boolean linksFor(MitigationApprovalRequested r, Recipient to) {
        return r.linkFor() != null && r.approveLink() != null && r.rejectLink() != null && to.name() != null
                && r.linkFor().strip().equalsIgnoreCase(to.name().strip());
    }
}
