package io.incidentops.intake.incident;

import io.incidentops.events.intake.AlertAttached;
import io.incidentops.events.intake.CommanderAssigned;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.intake.IncidentEscalated;
import io.incidentops.events.intake.RespondersPaged;
import io.incidentops.events.intake.WarRoomOpened;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.Responder;
import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.config.IntakeConfig;
import io.incidentops.intake.oncall.Roster;
import io.incidentops.platform.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Declaration and team assembly (seed steps 1 and 2), all in the caller's transaction and each step an outbox event:
 * declared; P0/P1 escalated with emergency mode; responders paged; P0/P1 commander; war room.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class IncidentDeclaration {

    public static final String AUTO_ESCALATION_REASON =
            "High-severity incident detected. Auto-escalating and enabling emergency mode.";

    @Inject
    IncidentIds ids;

    @Inject
    Roster roster;

    @Inject
    IntakeConfig config;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry meters;

    public Incident declare(Alert alert, String id) {
        Instant now = Instant.now(clock);
        Incident i = new Incident();
        i.id = id != null ? id : ids.next(alert.receivedAt().atZone(ZoneOffset.UTC).toLocalDate());
        i.title = alert.summary();
        i.description = alert.description();
        i.service = alert.service();
        i.team = roster.teamFor(alert.team());
        i.severity = alert.severity();
        i.type = alert.type();
        i.status = IncidentStatus.DECLARED;
        i.source = alert.source();
        i.dedupKey = alert.dedupKey();
        i.labels = alert.labels();
        i.customerImpact = alert.customerImpact();
        i.startedAt = alert.startsAt();
        i.detectedAt = alert.receivedAt();
        i.updatedAt = now;
        i.responders = new ArrayList<>();
        i.persist();
        recordAlert(i, alert);

        outbox.publish(new IncidentDeclared(i.id, i.title, i.description, i.service, i.severity, i.type, i.status,
                i.source, i.dedupKey, i.labels, i.customerImpact, i.startedAt, i.detectedAt));
        if (i.severity.isHighSeverity()) {
            i.emergencyMode = true;
            outbox.publish(new IncidentEscalated(i.id, i.severity, true, AUTO_ESCALATION_REASON, now));
        }
        page(i, now);
        if (i.severity.isHighSeverity()) {
            assignCommander(i, now);
        }
        openWarRoom(i, now);
        meters.counter("incidentops.intake.incidents.declared", "severity", i.severity.name(), "type", i.type.name())
                .increment();
        return i;
    }

    /** Records a further alert (a repeat or a resolved notice) on an open incident. */
    public void attach(Incident i, Alert alert) {
        recordAlert(i, alert);
        i.updatedAt = Instant.now(clock);
        outbox.publish(new AlertAttached(i.id, alert.dedupKey(), alert.source(), alert.alertStatus(), alert.summary(),
                alert.labels(), alert.startsAt(), alert.endsAt(), alert.receivedAt()));
    }

    /** Pages whoever the severity asks for and has not been paged yet (also used when severity rises). */
    void page(Incident i, Instant now) {
        List<Responder> wanted = roster.respondersFor(i.team, i.severity);
        List<Responder> fresh = new ArrayList<>();
        for (Responder r : wanted) {
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

    void assignCommander(Incident i, Instant now) {
        if (i.commander != null) {
            return;
        }
        Optional<Responder> commander = roster.commanderFor(i.team);
        commander.ifPresent(c -> {
            i.commander = c;
            outbox.publish(new CommanderAssigned(i.id, c, now));
        });
    }

    private void openWarRoom(Incident i, Instant now) {
        String lower = i.id.toLowerCase(Locale.ROOT);
        i.warRoomChannel = config.warRoom().channelPrefix() + lower;
        i.warRoomVideoUrl = i.severity.isHighSeverity() ? config.warRoom().videoBaseUrl() + lower : null;
        i.warRoomDocUrl = config.warRoom().documentBaseUrl() + i.id;
        outbox.publish(new WarRoomOpened(i.id, i.warRoomChannel, i.warRoomVideoUrl, i.warRoomDocUrl, now));
    }

    private static void recordAlert(Incident i, Alert alert) {
        IncidentAlert a = new IncidentAlert();
        a.incidentId = i.id;
        a.dedupKey = alert.dedupKey();
        a.source = alert.source();
        a.alertStatus = alert.alertStatus();
        a.summary = alert.summary();
        a.labels = alert.labels();
        a.startsAt = alert.startsAt();
        a.endsAt = alert.endsAt();
        a.receivedAt = alert.receivedAt();
        a.persist();
        i.alertCount++;
    }
}
