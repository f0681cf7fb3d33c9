package io.incidentops.executor.messaging;

import io.incidentops.events.executor.RecoveryFailed;
import io.incidentops.events.intake.AlertsResolved;
import io.incidentops.events.intake.CommanderAssigned;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.intake.IncidentReopened;
import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.events.intake.SeverityChanged;
import io.incidentops.events.intake.StatusChanged;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.executor.diagnostics.DiagnosticsService;
import io.incidentops.executor.incident.IncidentDirectory;
import io.incidentops.executor.incident.KnownIncident;
import io.incidentops.executor.mitigation.AlternativeProposals;
import io.incidentops.executor.recovery.RecoveryService;
import io.incidentops.executor.run.RunbookRunService;
import io.incidentops.executor.runbook.Runbook;
import io.incidentops.executor.runbook.RunbookCatalog;
import io.incidentops.events.EventType;
import io.incidentops.executor.vendor.VendorStatusService;
import io.incidentops.platform.messaging.IncidentEventHandler;
import io.incidentops.platform.messaging.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the executor does on other services' events; runs inside the processor's transaction. Only fast, local work
 * happens here: diagnostics and automated steps are recorded as owed and done by workers; after its own
 * {@code recovery.failed} the runbook's next alternative is recorded as a proposal awaiting approval.
 */
@ApplicationScoped
public class IncidentReactions implements IncidentEventHandler {

    private static final Set<EventType> HANDLED = EnumSet.of(EventType.INCIDENT_DECLARED,
            EventType.INCIDENT_RESOLVED, EventType.INCIDENT_ALERTS_RESOLVED, EventType.INCIDENT_REOPENED,
            EventType.INCIDENT_STATUS_CHANGED, EventType.INCIDENT_SEVERITY_CHANGED, EventType.RECOVERY_FAILED,
            EventType.INCIDENT_COMMANDER_ASSIGNED);

    private static final Logger LOG = Logger.getLogger(IncidentReactions.class);

    @Inject
    IncidentDirectory incidents;

    @Inject
    DiagnosticsService diagnostics;

    @Inject
    RunbookCatalog catalog;

    @Inject
    RunbookRunService runs;

    @Inject
    RecoveryService recovery;

    @Inject
    VendorStatusService vendors;

    @Inject
    AlternativeProposals alternatives;

    @Override
    public boolean handles(EventType type) {
        return HANDLED.contains(type);
    }

    @Override
    public void on(ReceivedEvent event) {
        if (event.data() instanceof IncidentDeclared declared) {
            declared(declared);
        } else if (event.data() instanceof IncidentResolved resolved) {
            incidents.markResolved(resolved.incidentId(), resolved.resolvedAt());
            diagnostics.stopRefreshing(resolved.incidentId());
            runs.abandon(resolved.incidentId());
            recovery.cancel(resolved.incidentId());
        } else if (event.data() instanceof AlertsResolved alerts) {
            // intake always sets resolvedAt; the event's own time stands in for a record without it
            recovery.afterAlertsResolved(alerts.incidentId(), alerts.alerts(),
                    alerts.resolvedAt() != null ? alerts.resolvedAt() : event.time());
        } else if (event.data() instanceof IncidentReopened reopened) {
            incidents.markReopened(reopened.incidentId());
            diagnostics.resumeRefreshing(reopened.incidentId());
            recovery.cancelAfterAlerts(reopened.incidentId(), "incident reopened"
                    + (reopened.reason() != null ? ": " + reopened.reason() : ""));
        } else if (event.data() instanceof SeverityChanged changed) {
            // the approval rule judges each new mitigation on the incident's severity now, not at declaration
            incidents.severityChanged(changed.incidentId(), changed.current());
        } else if (event.data() instanceof CommanderAssigned assigned) {
            // approval links are signed for the commander: the link is their credential
            incidents.commanderAssigned(assigned.incidentId(),
                    assigned.commander() == null ? null : assigned.commander().name());
        } else if (event.data() instanceof RecoveryFailed failed) {
            proposeNextAlternative(failed);
        } else if (event.data() instanceof StatusChanged changed && noLongerMonitoring(changed.current())) {
            recovery.cancelAfterAlerts(changed.incidentId(), "incident back to " + changed.current()
                    + (changed.reason() != null ? ": " + changed.reason() : ""));
        }
    }

    /**
     * Open but no longer waiting in MONITORING (an alert fires again: INVESTIGATING): its recovery is not what
     * resolves it now. RESOLVED is handled by incident.resolved, which stops every verification.
     */
    private static boolean noLongerMonitoring(IncidentStatus status) {
        return status != null && status.isOpen() && status != IncidentStatus.MONITORING;
    }

    /** Its own {@code recovery.failed}: back to step 5, with the next mitigation of the run's runbook proposed. */
    private void proposeNextAlternative(RecoveryFailed failed) {
        runs.runbookOf(failed.incidentId()).flatMap(catalog::find)
                .flatMap(runbook -> alternatives.proposeNext(failed.incidentId(), runbook, failed.reason()))
                .ifPresent(m -> LOG.infof("incident %s: recovery failed, proposed alternative %d: %s of %s (awaiting approval)",
                        m.incidentId, m.alternative, m.action, m.target));
    }

    private void declared(IncidentDeclared declared) {
        if (!incidents.registerIfNew(declared)) {
            LOG.debugf("incident %s declared again: already known, nothing to start", declared.incidentId());
            return;
        }
        KnownIncident incident = incidents.find(declared.incidentId()).orElseThrow();
        diagnostics.schedule(incident.id);
        // the status pages were read by the vendor worker: the handler stays local and fast
        List<String> down = vendors.downDependencies(incident.service);
        Runbook runbook = catalog.select(declared.type(), IncidentDirectory.searchableText(declared), !down.isEmpty());
        if (!down.isEmpty()) {
            LOG.infof("incident %s: dependencies %s of %s are down, runbook %s", incident.id, down, incident.service,
                    runbook.name());
        }
        runs.start(incident, runbook);
    }
}
