package io.incidentops.intake.declaration;

import io.incidentops.events.intake.AlertAttached;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.incident.Incident;
import io.incidentops.intake.incident.IncidentAlert;
import io.incidentops.intake.incident.IncidentAssembly;
import io.incidentops.intake.incident.IncidentIds;
import io.incidentops.intake.oncall.Roster;
import io.incidentops.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;

/**
 * An alert becomes an incident (seed steps 1 and 2), all in the caller's transaction and each step an outbox event:
 * declared; P0/P1 escalated with emergency mode; responders paged; P0/P1 commander; war room. Or it is recorded on
 * the open incident of its dedup key.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class IncidentDeclaration {

    @Inject
    IncidentIds ids;

    @Inject
    Roster roster;

    @Inject
    IncidentAssembly assembly;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    IntakeMetrics metrics;

    /** @param id the caller's own incident ID, or null for the next one of the day of detection */
    public Incident declare(Alert alert, String id) {
        Instant now = Instant.now(clock);
        Incident i = new Incident();
        i.id = id != null ? id : ids.next(alert.receivedAt());
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
            assembly.escalate(i, now);
        }
        assembly.page(i, now);
        if (i.severity.isHighSeverity()) {
            assembly.assignCommander(i, now);
        }
        assembly.openWarRoom(i, now);
        metrics.incidentDeclared(i.severity, i.type);
        return i;
    }

    /** Records a further alert (a repeat or a resolved notice) on an open incident. */
    public void attach(Incident i, Alert alert) {
        recordAlert(i, alert);
        i.updatedAt = Instant.now(clock);
        outbox.publish(new AlertAttached(i.id, alert.dedupKey(), alert.source(), alert.alertStatus(), alert.summary(),
                alert.labels(), alert.startsAt(), alert.endsAt(), alert.receivedAt()));
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
