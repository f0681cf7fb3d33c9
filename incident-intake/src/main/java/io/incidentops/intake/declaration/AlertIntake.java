package io.incidentops.intake.declaration;

import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.incident.Incident;
import io.incidentops.intake.incident.Locks;
import io.incidentops.platform.problem.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.Optional;

/**
 * Where an alert, whatever its wire format, meets the incidents: declare or attach, one alert per transaction.
 * Replicas racing on the same dedup key serialise on an advisory lock, so the second sees the first one's incident
 * and attaches; the partial unique index on open incidents' dedup keys is the backstop.
 */
@ApplicationScoped
public class AlertIntake {

    public static final String DECLARED = "declared";
    public static final String ATTACHED = "attached";
    /** A resolved notice for which no incident is open: nothing to record it on. */
    public static final String IGNORED = "ignored";

    @Inject
    Locks locks;

    @Inject
    IncidentDeclaration declaration;

    @Inject
    IntakeMetrics metrics;

    /** What became of an alert. {@code incidentId} is null when the alert was ignored. */
    public record Outcome(String incidentId, String outcome, String dedupKey) {
    }

    @Transactional
    public Outcome accept(Alert alert) {
        locks.lock("dedup:" + alert.dedupKey());
        Optional<Incident> open = Incident.findOpenForUpdate(alert.dedupKey());
        Outcome outcome;
        if (open.isPresent()) {
            declaration.attach(open.get(), alert);
            outcome = new Outcome(open.get().id, ATTACHED, alert.dedupKey());
        } else if (alert.resolved()) {
            outcome = new Outcome(null, IGNORED, alert.dedupKey());
        } else {
            if (alert.requestedId() != null) {
                locks.lock("id:" + alert.requestedId());
                if (Incident.findById(alert.requestedId()) != null) {
                    throw new ConflictException("incident " + alert.requestedId() + " already exists");
                }
            }
            Incident incident = declaration.declare(alert, alert.requestedId());
            outcome = new Outcome(incident.id, DECLARED, alert.dedupKey());
        }
        metrics.alertAccepted(alert.source(), outcome.outcome());
        return outcome;
    }
}
