package io.incidentops.intake.declaration;

import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.incident.Incident;
import io.incidentops.intake.incident.IncidentAssembly;
import io.incidentops.intake.oncall.Roster;
import io.incidentops.intake.oncall.escalation.EscalationStep;
import io.incidentops.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;

/**
 * An alert becomes an incident (seed steps 1 and 2), all in the caller's transaction and each step an outbox event:
 * declared; P0/P1 escalated with emergency mode; responders paged; P0/P1 commander; war room; the first escalation
 * step's pages (after the war room, which they name). The incident is
 * persisted once it is complete, with its first alert recorded: one insert, not an insert and updates.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class IncidentDeclaration {

    @Inject
    Roster roster;

    @Inject
    IncidentAssembly assembly;

    @Inject
    Outbox outbox;

    @Inject
    GroupedAlerts groupedAlerts;

    @Inject
    Clock clock;

    @Inject
    IntakeMetrics metrics;

    /**
     * @param id       the incident's ID: the caller's own, or one reserved from the day's sequence
     * @param groupKey the group the incident stands for (one open incident per group)
     * @param batch    the writer transaction's records, where the alert is recorded as the incident's first
     */
    Incident declare(Alert alert, String id, String groupKey, BatchIncidents batch) {
        Instant now = Instant.now(clock);
        Incident i = new Incident();
        i.id = id;
        i.title = alert.summary();
        i.description = alert.description();
        i.service = alert.service();
        i.team = roster.teamFor(alert.team());
        i.severity = alert.severity();
        i.type = alert.type();
        i.status = IncidentStatus.DECLARED;
        i.source = alert.source();
        i.dedupKey = alert.dedupKey();
        i.groupKey = groupKey;
        i.labels = alert.labels();
        i.customerImpact = alert.customerImpact();
        i.startedAt = alert.startsAt();
        i.detectedAt = alert.receivedAt();
        i.updatedAt = now;
        i.responders = new ArrayList<>();

        outbox.publish(new IncidentDeclared(i.id, i.title, i.description, i.service, i.severity, i.type, i.status,
                i.source, i.dedupKey, i.labels, i.customerImpact, i.startedAt, i.detectedAt));
        if (i.severity.isHighSeverity()) {
            assembly.escalate(i, now);
        }
        Optional<EscalationStep> firstPages = assembly.pageNew(i, alert.labels(), now);
        if (i.severity.isHighSeverity()) {
            assembly.assignCommander(i, now);
        }
        assembly.openWarRoom(i, now);
        firstPages.ifPresent(step -> assembly.sendFirstPages(step, now));
        groupedAlerts.first(batch, i, alert, groupKey);
        i.persist();
        metrics.incidentDeclared(i.severity, i.type);
        return i;
    }
}
