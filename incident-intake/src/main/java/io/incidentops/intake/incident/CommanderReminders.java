package io.incidentops.intake.incident;

import io.incidentops.events.comms.UpdateDue;
import io.incidentops.events.intake.NotificationRequested;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.Responder;
import io.incidentops.intake.oncall.people.ContactMethod;
import io.incidentops.intake.oncall.people.NotificationRule;
import io.incidentops.intake.oncall.people.OncallUser;
import io.incidentops.platform.outbox.Outbox;
import io.incidentops.platform.transaction.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Item 7 of #9: when comms says a customer update is due ({@code comms.update-due}), the incident's commander is
 * reminded on their channels. Intake owns people, so it resolves the commander to contact methods and asks comms to
 * deliver ({@code incident.notification-requested}, purpose {@code update-reminder}), as for a page. A commander who
 * is an on-call user (same e-mail address) is reached on the first contact methods of their high-urgency rules (a
 * reminder is one nudge, not an escalation: later rules are not scheduled); otherwise at the roster's address.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class CommanderReminders {

    private static final Logger LOG = Logger.getLogger(CommanderReminders.class);
    private static final String URGENCY = "high";

    @Inject
    Outbox outbox;

    @Inject
    AfterCommit afterCommit;

    @Inject
    MeterRegistry meters;

    @Inject
    Clock clock;

    public void updateDue(UpdateDue due) {
        Incident incident = Incident.findById(due.incidentId());
        if (incident == null || incident.status == IncidentStatus.RESOLVED || incident.commander == null) {
            LOG.debugf("update due for %s: no open incident with a commander to remind", due.incidentId());
            return;
        }
        Responder commander = incident.commander;
        Optional<OncallUser> user = userWithAddress(commander.contact());
        List<ContactMethod> channels = user.map(CommanderReminders::firstChannels)
                .orElseGet(() -> rosterAddress(commander));
        if (channels.isEmpty()) {
            LOG.warnf("update due for %s: commander %s has no contact method", incident.id, commander.name());
        }
        Instant now = Instant.now(clock);
        for (ContactMethod c : channels) {
            // the same due time gives the same id, so comms reminds once even if comms announces it twice
            String notificationId = UUID.nameUUIDFromBytes(("update-due/" + incident.id + "/" + due.dueAt() + "/"
                    + c.type() + "/" + c.address()).getBytes(StandardCharsets.UTF_8)).toString();
            outbox.publish(new NotificationRequested(incident.id, notificationId, null, 0, 0,
                    user.map(u -> u.id).orElse(null), user.map(u -> u.name).orElse(commander.name()), c.type(),
                    c.address(), URGENCY, incident.severity, incident.title, incident.service, null, null, null, now,
                    NotificationRequested.UPDATE_REMINDER));
            String channel = c.type();
            afterCommit.run(() -> meters.counter("incidentops.intake.reminders", "channel", channel).increment());
        }
    }

    private static Optional<OncallUser> userWithAddress(String address) {
        if (address == null || address.isBlank()) return Optional.empty();
        return OncallUser.<OncallUser>find("lower(email) = ?1 order by createdAt desc",
                address.strip().toLowerCase(Locale.ROOT)).firstResultOptional();
    }

    /** The contact methods of the user's earliest high-urgency rules. */
    private static List<ContactMethod> firstChannels(OncallUser user) {
        List<NotificationRule> rules = user.rulesFor(URGENCY);
        Duration first = rules.stream().map(NotificationRule::delay).min(Comparator.naturalOrder()).orElse(Duration.ZERO);
        return rules.stream().filter(r -> r.delay().equals(first))
                .flatMap(r -> user.contactMethod(r.contactMethodId()).stream()).distinct().toList();
    }

    private static List<ContactMethod> rosterAddress(Responder commander) {
        String contact = commander.contact();
        if (contact == null || !contact.contains("@")) return List.of();
        return List.of(new ContactMethod("roster", ContactMethod.EMAIL, contact.strip(), "roster"));
    }
}
