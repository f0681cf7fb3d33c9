package io.incidentops.intake.declaration;

import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.incident.GroupedAlertRows;
import io.incidentops.intake.incident.Incident;
import io.incidentops.intake.incident.IncidentAlert;
import io.incidentops.intake.incident.IncidentLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;

/**
 * Records alerts on their incident, one row per distinct alert, in the writer transaction's {@link BatchIncidents}: a
 * repeat updates last seen and the delivery count and announces nothing by itself (the interval's
 * {@code incident.alert-activity} summarises it); a new alert or a change of an alert's state may move the incident
 * (severity up, MONITORING ↔ INVESTIGATING).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class GroupedAlerts {

    @Inject
    IncidentLifecycle lifecycle;

    @Inject
    GroupedAlertRows rows;

    @Inject
    Clock clock;

    /** The incident that declares an alert records it as its first. */
    void first(BatchIncidents batch, Incident i, Alert alert, String groupKey) {
        batch.added(insert(i, alert, groupKey, Instant.now(clock)));
    }

    /** A firing delivery on the incident (locked by the caller). */
    void firing(BatchIncidents batch, Incident i, Alert alert, String groupKey) {
        Instant now = Instant.now(clock);
        IncidentAlert row = batch.recordOf(i, alert.dedupKey());
        boolean changed;
        if (row == null) {
            batch.added(insert(i, alert, groupKey, now));
            changed = true;
        } else {
            batch.changed(row);
            changed = !row.isFiring();
            delivered(row, now);
            row.summary = alert.summary();
            if (changed) {
                row.status = IncidentAlert.FIRING;
                row.endsAt = null;
                row.changedAt = now;
            }
            if (alert.severity().compareTo(row.severity) < 0) { // the same alert, now more severe
                row.severity = alert.severity();
                changed = true;
            }
        }
        pending(i, now);
        if (changed) {
            if (alert.severity().compareTo(i.severity) < 0) {
                batch.write(); // a raise pages the new severity's people, held back by silences matched on the rows
            }
            lifecycle.raiseSeverity(i, alert.severity(), "Grouped alert of severity " + alert.severity() + ": "
                    + alert.summary(), now);
            lifecycle.alertFiring(i, alert.summary(), now);
        }
    }

    /** A resolved notice for an alert of the incident (locked by the caller, which holds a record of it). */
    void resolved(BatchIncidents batch, Incident i, Alert alert) {
        Instant now = Instant.now(clock);
        IncidentAlert row = batch.recordOf(i, alert.dedupKey());
        batch.changed(row);
        boolean changed = row.isFiring();
        delivered(row, now);
        pending(i, now);
        if (changed) {
            row.status = IncidentAlert.RESOLVED;
            row.endsAt = alert.endsAt() != null ? alert.endsAt() : now;
            row.changedAt = now;
            batch.write(); // the query must see the change above
            if (!rows.anyFiring(i.id)) {
                lifecycle.alertsResolved(i, now);
            }
        }
    }

    private static IncidentAlert insert(Incident i, Alert alert, String groupKey, Instant now) {
        IncidentAlert a = new IncidentAlert();
        a.incidentId = i.id;
        a.dedupKey = alert.dedupKey();
        a.groupKey = groupKey;
        a.source = alert.source();
        a.status = IncidentAlert.FIRING;
        a.severity = alert.severity();
        a.summary = alert.summary();
        a.labels = alert.labels();
        a.startsAt = alert.startsAt();
        a.firstSeen = now;
        a.lastSeen = now;
        a.deliveries = 1;
        a.changedAt = now;
        i.alertCount++;
        return a;
    }

    private static void delivered(IncidentAlert row, Instant now) {
        row.deliveries++;
        row.lastSeen = now;
    }

    /** Something to tell in the next incident.alert-activity of the incident. */
    private static void pending(Incident i, Instant now) {
        if (i.activitySince == null) i.activitySince = now;
        i.pendingDeliveries++;
    }
}
