package io.incidentops.events.intake;

import io.incidentops.events.IncidentEventData;
import io.incidentops.events.model.GroupedAlert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What happened to an incident's alerts during one interval, summarised: at most one such event per incident per
 * interval, whatever the number of deliveries (it replaces {@code incident.alert-attached}). "{@code deliveries}
 * deliveries of {@code alerts} alerts between {@code from} and {@code to}".
 *
 * @param deliveries     deliveries received in the interval, repeats included
 * @param alerts         distinct alerts delivered in the interval
 * @param newAlerts      alerts that joined the incident in the interval
 * @param resolvedAlerts alerts that turned resolved in the interval
 * @param firingAlerts   alerts of the incident firing at {@code to}
 * @param changed        the alerts that joined or changed state, newest first, at most a bounded number
 * @param changedOmitted how many more changed than {@code changed} lists
 */
public record AlertActivity(String incidentId, Instant from, Instant to, long deliveries, int alerts, int newAlerts,
        int resolvedAlerts, int firingAlerts, List<GroupedAlert> changed, int changedOmitted)
        implements IncidentEventData {
    public AlertActivity {
        Objects.requireNonNull(incidentId, "incidentId");
        changed = changed == null ? List.of() : List.copyOf(changed);
    }
}
