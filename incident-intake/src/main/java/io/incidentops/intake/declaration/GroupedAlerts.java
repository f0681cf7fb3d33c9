package io.incidentops.intake.declaration;

import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.incident.Incident;
import io.incidentops.intake.incident.IncidentAlert;
import io.incidentops.intake.incident.IncidentLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;

/**
 * Records alerts on their incident, one row per distinct alert: a repeat updates last seen and the delivery count
 * and announces nothing by itself (the interval's {@code incident.alert-activity} summarises it); a new alert or a
 * change of an alert's state may move the incident (severity up, MONITORING ↔ INVESTIGATING).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class GroupedAlerts {

    @Inject
    IncidentLifecycle lifecycle;

    @Inject
    Clock clock;

    /** The incident that declares an alert records it as its first. */
    public void first(Incident i, Alert alert, String groupKey) {
        Instant now = Instant.now(clock);
        insert(i, alert, groupKey, now);
    }

    /**
     * A firing delivery on the incident (locked by the caller), given the incident's record of the alert (null when
     * it has none yet); returns the record, new or updated.
     */
    public IncidentAlert firing(Incident i, Alert alert, String groupKey, IncidentAlert row) {
        Instant now = Instant.now(clock);
        boolean changed;
        if (row == null) {
            row = insert(i, alert, groupKey, now);
            changed = true;
        } else {
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
            lifecycle.raiseSeverity(i, alert.severity(), "Grouped alert of severity " + alert.severity() + ": "
                    + alert.summary(), now);
            lifecycle.alertFiring(i, alert.summary(), now);
        }
        return row;
    }

    /** A resolved notice for an alert of the incident (locked by the caller). */
    public void resolved(Incident i, Alert alert) {
        Instant now = Instant.now(clock);
        IncidentAlert row = IncidentAlert.lookup(i.id, alert.dedupKey()).orElseThrow();
        boolean changed = row.isFiring();
        delivered(row, now);
        pending(i, now);
        if (changed) {
            row.status = IncidentAlert.RESOLVED;
            row.endsAt = alert.endsAt() != null ? alert.endsAt() : now;
            row.changedAt = now;
            IncidentAlert.flush(); // the session flushes at commit only: the count must see the change above
            if (IncidentAlert.countFiring(i.id) == 0) {
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
        a.persist();
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
