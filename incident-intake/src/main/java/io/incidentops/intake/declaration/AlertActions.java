package io.incidentops.intake.declaration;

import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.incident.IncidentLifecycle;
import io.incidentops.intake.incident.IncidentQueries;
import io.incidentops.platform.problem.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

/**
 * What a sender does to an alert it raised earlier, by its dedup key (PagerDuty {@code acknowledge}/{@code resolve},
 * Opsgenie {@code acknowledge}/{@code close}, over HTTP or the {@code alerts} topic). Like the vendors, which process
 * these asynchronously, a key that no open incident holds is not an error: nothing happens. No transaction here: a
 * resolved notice waits for the writer, which commits it (the {@code alerts} consumer has no request context of its
 * own for the lookup, hence the activation).
 */
@ApplicationScoped
public class AlertActions {

    @Inject
    IncidentQueries queries;

    @Inject
    IncidentLifecycle lifecycle;

    @Inject
    AlertIngest ingest;

    /** Acknowledges the open incident holding the alert, as {@code responder}. */
    @ActivateRequestContext
    public void acknowledge(String dedupKey, String responder) {
        queries.findOpenByDedupKey(dedupKey).ifPresent(i -> {
            try {
                lifecycle.acknowledge(i.id, responder);
            } catch (ConflictException resolvedMeanwhile) {
                // the vendors ignore acknowledgements of resolved alerts; so do we
            }
        });
    }

    /** Records a resolved notice on the open incident holding its alert; it does not resolve the incident. */
    @ActivateRequestContext
    public void resolve(Alert notice) {
        if (queries.findOpenByDedupKey(notice.dedupKey()).isPresent()) {
            ingest.ingest(notice);
        }
    }
}
