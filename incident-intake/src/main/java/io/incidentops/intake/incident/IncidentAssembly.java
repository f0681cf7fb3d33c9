package io.incidentops.intake.incident;

import io.incidentops.events.intake.CommanderAssigned;
import io.incidentops.events.intake.IncidentEscalated;
import io.incidentops.events.intake.RespondersPaged;
import io.incidentops.events.intake.WarRoomOpened;
import io.incidentops.events.model.Responder;
import io.incidentops.intake.config.IntakeConfig;
import io.incidentops.intake.oncall.Roster;
import io.incidentops.intake.oncall.escalation.EscalationStep;
import io.incidentops.intake.oncall.escalation.Escalations;
import io.incidentops.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Team assembly (seed step 2), in the caller's transaction and each step an outbox event: escalation with emergency
 * mode, responders paged, commander, war room. Run on declaration and again when the severity rises.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class IncidentAssembly {

    private static final Logger LOG = Logger.getLogger(IncidentAssembly.class);

    public static final String AUTO_ESCALATION_REASON =
            "High-severity incident detected. Auto-escalating and enabling emergency mode.";

    @Inject
    Roster roster;

    @Inject
    IntakeConfig config;

    @Inject
    Outbox outbox;

    @Inject
    Escalations escalations;

    /** P0/P1: emergency mode on, announced as {@code incident.escalated}. */
    public void escalate(Incident i, Instant now) {
        i.emergencyMode = true;
        outbox.publish(new IncidentEscalated(i.id, i.severity, true, AUTO_ESCALATION_REASON, now));
    }

    /**
     * Pages whoever the severity asks for and has not been paged yet: the roster's names announced as
     * {@code incident.responders-paged}, and the people of the incident's escalation policy reached for real
     * ({@code incident.notification-requested}, from the escalation timers). While a silence or maintenance window
     * holds paging back nobody is announced: the held step announces whom it reached when it finally pages.
     */
    public void page(Incident i, Instant now) {
        escalations.start(escalationPage(i), now);
        if (!logged(i, escalations.heldBack(i.id, now))) {
            announce(i, now);
        }
    }

    /**
     * The same for an incident this transaction declares, not yet written: its escalation begins, and silences are
     * matched against its first alert's labels. Returns the first escalation step, unless a silence holds it back:
     * the caller fires it ({@link #sendFirstPages}) once the war room is open, which its pages name.
     */
    public Optional<EscalationStep> pageNew(Incident i, Map<String, String> firstAlertLabels, Instant now) {
        Escalations.Page page = escalationPage(i);
        boolean held = logged(i, escalations.heldBack(page, firstAlertLabels, now));
        Optional<EscalationStep> first = escalations.begin(page, held, now);
        if (!held) {
            announce(i, now);
        }
        return first;
    }

    /** Pages the people of a new incident's first escalation step, in the declaring transaction. */
    public void sendFirstPages(EscalationStep first, Instant now) {
        escalations.fireNew(first, now);
    }

    private void announce(Incident i, Instant now) {
        List<Responder> fresh = new ArrayList<>();
        for (Responder r : roster.respondersFor(i.team, i.severity)) {
            boolean already = i.responders.stream().anyMatch(p -> p.name().equals(r.name()) && p.role().equals(r.role()));
            if (!already) fresh.add(r);
        }
        if (fresh.isEmpty()) {
            return;
        }
        List<Responder> all = new ArrayList<>(i.responders);
        all.addAll(fresh);
        i.responders = all;
        outbox.publish(new RespondersPaged(i.id, i.severity, fresh, now));
    }

    /**
     * A reopened incident: its escalation starts over from the first rule, and the people paged before are announced
     * as paged again, unless a silence or maintenance window holds paging back.
     */
    public void repage(Incident i, Instant now) {
        escalations.restart(escalationPage(i), now);
        if (!logged(i, escalations.heldBack(i.id, now)) && i.responders != null && !i.responders.isEmpty()) {
            outbox.publish(new RespondersPaged(i.id, i.severity, i.responders, now));
        }
    }

    private static boolean logged(Incident i, boolean held) {
        if (held) LOG.infof("%s: paging held back by a silence, nobody announced as paged", i.id);
        return held;
    }

    static Escalations.Page escalationPage(Incident i) {
        return new Escalations.Page(i.id, i.severity, i.team, i.service, i.title);
    }

    /** The team's commander, once. */
    public void assignCommander(Incident i, Instant now) {
        if (i.commander != null) {
            return;
        }
        roster.commanderFor(i.team).ifPresent(c -> {
            i.commander = c;
            outbox.publish(new CommanderAssigned(i.id, c, now));
        });
    }

    /** Chat channel and document always, a video call for P0/P1. */
    public void openWarRoom(Incident i, Instant now) {
        String lower = i.id.toLowerCase(Locale.ROOT);
        i.warRoomChannel = config.warRoom().channelPrefix() + lower;
        i.warRoomVideoUrl = i.severity.isHighSeverity() ? config.warRoom().videoBaseUrl() + lower : null;
        i.warRoomDocUrl = config.warRoom().documentBaseUrl() + i.id;
        outbox.publish(new WarRoomOpened(i.id, i.warRoomChannel, i.warRoomVideoUrl, i.warRoomDocUrl, now));
    }
}
