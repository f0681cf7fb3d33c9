package io.incidentops.intake.declaration;

import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Severity;
import io.incidentops.platform.transaction.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.Map;

/**
 * Intake's counters (module README, "Metrics"). Each is incremented once the transaction that did the work has
 * committed: a rolled-back or retried delivery (the alerts topic retries database errors) must not count.
 */
@ApplicationScoped
public class IntakeMetrics {

    private static final String ALERTS = "incidentops.intake.alerts";
    /** This transaction's accepted alerts by tags, counted in one go once it commits. */
    private static final Object ALERT_TALLY = new Object();

    private record AlertTags(String source, String outcome) {
    }

    @Inject
    AfterCommit afterCommit;

    @Inject
    MeterRegistry meters;

    /** {@code incidentops.intake.alerts{source, outcome}}: every alert accepted, by what became of it. */
    public void alertAccepted(String source, String outcome) {
        // a writer transaction takes up to a thousand alerts: one tally, not a commit callback and meter look-up each
        Map<AlertTags, Integer> tally = afterCommit.collect(ALERT_TALLY, HashMap::new, this::countAlerts);
        tally.merge(new AlertTags(source, outcome), 1, Integer::sum);
    }

    private void countAlerts(Map<AlertTags, Integer> tally) {
        tally.forEach((tags, n) ->
                meters.counter(ALERTS, "source", tags.source(), "outcome", tags.outcome()).increment(n));
    }

    /** A repeat answered from memory (no transaction): counted at once, with outcome {@code attached}. */
    public void repeatCounted(String source) {
        meters.counter(ALERTS, "source", source, "outcome", AlertIntake.ATTACHED).increment();
    }

    /** {@code incidentops.intake.incidents.declared{severity, type}}. */
    public void incidentDeclared(Severity severity, IncidentType type) {
        countAfterCommit("incidentops.intake.incidents.declared", "severity", severity.name(), "type", type.name());
    }

    private void countAfterCommit(String name, String... tags) {
        afterCommit.run(() -> meters.counter(name, tags).increment());
    }
}
