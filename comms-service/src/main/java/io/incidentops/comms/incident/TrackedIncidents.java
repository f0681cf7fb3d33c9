package io.incidentops.comms.incident;

import io.incidentops.events.executor.RecoveryFailed;
import io.incidentops.events.intake.CommanderAssigned;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.intake.IncidentReopened;
import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.events.intake.SeverityChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps {@link TrackedIncident} in step with the incident events, in the consumer's transaction. Each method answers
 * what the rest of comms needs to act on: a new incident, a new resolution, the incident as it now stands.
 */
@ApplicationScoped
@Transactional
public class TrackedIncidents {

    private static final Logger LOG = Logger.getLogger(TrackedIncidents.class);

    @Inject
    Clock clock;

    /** @return the newly tracked incident; empty when it was already known (a repeated declaration says nothing new) */
    public Optional<TrackedIncident> declared(IncidentDeclared d) {
        if (TrackedIncident.findById(d.incidentId()) != null) {
            LOG.infof("%s declared again: already known, nothing sent twice", d.incidentId());
            return Optional.empty();
        }
        TrackedIncident t = new TrackedIncident();
        t.incidentId = d.incidentId();
        t.title = d.title();
        t.description = d.description();
        t.service = d.service();
        t.incidentType = d.type();
        t.severity = d.severity();
        t.customerImpact = d.customerImpact();
        t.startedAt = d.startedAt() != null ? d.startedAt() : d.detectedAt();
        t.declaredAt = Instant.now(clock);
        t.persist();
        return Optional.of(t);
    }

    /** @return the resolution to announce; empty when this very resolution (same time) was already recorded */
    public Optional<Resolution> resolved(IncidentResolved r) {
        TrackedIncident t = TrackedIncident.findById(r.incidentId());
        Instant resolvedAt = r.resolvedAt() != null ? r.resolvedAt() : Instant.now(clock);
        Resolution resolution = Resolution.of(r, t, resolvedAt);
        if (t != null) {
            if (resolvedAt.equals(t.resolvedAt)) return Optional.empty(); // the same resolution, sent again
            t.resolvedAt = resolvedAt;
        }
        return Optional.of(resolution);
    }

    /** Records the new severity (the event must carry one); @return the incident, when it is tracked */
    public Optional<TrackedIncident> severityChanged(SeverityChanged s) {
        Optional<TrackedIncident> t = TrackedIncident.findByIdOptional(s.incidentId());
        t.ifPresent(incident -> incident.severity = s.current());
        return t;
    }

    /**
     * The incident is open again (its resolution forgotten; its start, hence MTTR, kept).
     *
     * @return the reopening to announce; empty when the tracked incident is not resolved (nothing new to say)
     */
    public Optional<Reopening> reopened(IncidentReopened r) {
        TrackedIncident t = TrackedIncident.findById(r.incidentId());
        if (t != null) {
            if (t.resolvedAt == null) {
                LOG.infof("%s reopened while open: nothing to announce", r.incidentId());
                return Optional.empty();
            }
            t.resolvedAt = null;
        }
        Instant reopenedAt = r.reopenedAt() != null ? r.reopenedAt() : Instant.now(clock);
        return Optional.of(new Reopening(r.incidentId(), t, Values.firstNonBlank(r.reason()), reopenedAt));
    }

    /** Remembers the commander of a tracked incident (the latest named wins). */
    public void commanderAssigned(CommanderAssigned c) {
        if (c.commander() == null) return;
        TrackedIncident.<TrackedIncident>findByIdOptional(c.incidentId()).ifPresent(t -> {
            t.commanderName = c.commander().name();
            t.commanderContact = Values.firstNonBlank(c.commander().contact());
        });
    }

    /** @return the failed recovery to announce; empty for an incident comms knows as resolved (nothing to tell) */
    public Optional<FailedRecovery> recoveryFailed(RecoveryFailed r) {
        TrackedIncident t = TrackedIncident.findById(r.incidentId());
        if (t != null && t.resolvedAt != null) {
            LOG.infof("%s: recovery failed after it was resolved: nothing to announce", r.incidentId());
            return Optional.empty();
        }
        Instant failedAt = r.failedAt() != null ? r.failedAt() : Instant.now(clock);
        return Optional.of(new FailedRecovery(r.incidentId(), t, Values.firstNonBlank(r.reason()), failedAt));
    }
}
