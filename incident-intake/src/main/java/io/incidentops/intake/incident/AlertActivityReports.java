package io.incidentops.intake.incident;

import io.incidentops.events.intake.AlertActivity;
import io.incidentops.events.model.GroupedAlert;
import io.incidentops.platform.outbox.Outbox;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.incidentops.intake.config.IntakeConfig;

/**
 * Summarises what happened to an incident's alerts since its last report in one {@code incident.alert-activity}, at
 * most once per incident per interval, whatever the number of deliveries and of intake replicas: a due incident is
 * claimed with {@code FOR UPDATE SKIP LOCKED}, reported and reset in one transaction. One incident per transaction:
 * the alert writer locks the same rows, and a round holding many of them through many queries and a commit made it
 * wait (measured: seconds per storm second).
 */
@ApplicationScoped
public class AlertActivityReports {

    /** How many changed alerts one event lists; the rest are counted in {@code changedOmitted}. */
    static final int CHANGED_LISTED = 20;
    private static final int INCIDENTS_PER_ROUND = 100;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    IntakeConfig config;

    @Inject
    Clock clock;

    @Scheduled(every = "${incidentops.intake.grouping.activity-poll:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        reportDue();
    }

    /** @return how many incidents were reported */
    public int reportDue() {
        Instant now = Instant.now(clock);
        Instant cutoff = now.minus(config.grouping().activityInterval());
        int reported = 0;
        while (reported < INCIDENTS_PER_ROUND
                && QuarkusTransaction.requiringNew().call(() -> reportOneDue(cutoff, now))) {
            reported++;
        }
        return reported;
    }

    private boolean reportOneDue(Instant cutoff, Instant now) {
        @SuppressWarnings("unchecked")
        List<String> due = em.createNativeQuery("""
                        SELECT id FROM incident
                        WHERE activity_since IS NOT NULL
                          AND (activity_reported_at IS NULL OR activity_reported_at <= :cutoff)
                        ORDER BY activity_since LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .setParameter("cutoff", cutoff)
                .getResultList();
        if (due.isEmpty()) return false;
        report(em.find(Incident.class, due.get(0)), now);
        return true;
    }

    private void report(Incident i, Instant now) {
        Instant from = i.activitySince; // the earliest delivery told; a repeat's count may arrive after the last report
        // alerts are new or change state under this row's lock, so nothing stamped before the last report is new
        Instant changedSince = i.activityReportedAt != null && i.activityReportedAt.isAfter(from)
                ? i.activityReportedAt : from;
        Object[] counts = (Object[]) em.createNativeQuery("""
                        SELECT count(*) FILTER (WHERE last_seen >= :from),
                               count(*) FILTER (WHERE first_seen >= :since),
                               count(*) FILTER (WHERE status = 'resolved' AND changed_at >= :since),
                               count(*) FILTER (WHERE status = 'firing'),
                               count(*) FILTER (WHERE changed_at >= :since)
                        FROM grouped_alert WHERE incident_id = :incident""")
                .setParameter("from", from)
                .setParameter("since", changedSince)
                .setParameter("incident", i.id)
                .getSingleResult();
        List<GroupedAlert> changed = IncidentAlert.<IncidentAlert>find(
                        "incidentId = ?1 and changedAt >= ?2 order by changedAt desc, dedupKey", i.id, changedSince)
                .page(0, CHANGED_LISTED).list().stream()
                .map(AlertActivityReports::toEvent).toList();
        int changedTotal = count(counts[4]);
        outbox.publish(new AlertActivity(i.id, from, now, i.pendingDeliveries, count(counts[0]), count(counts[1]),
                count(counts[2]), count(counts[3]), changed, Math.max(0, changedTotal - changed.size())));
        i.activitySince = null;
        i.pendingDeliveries = 0;
        i.activityReportedAt = now;
    }

    private static GroupedAlert toEvent(IncidentAlert a) {
        return new GroupedAlert(a.dedupKey, a.groupKey, a.source, a.status, a.severity, a.summary, a.firstSeen,
                a.lastSeen, a.deliveries);
    }

    private static int count(Object value) {
        return ((Number) value).intValue();
    }
}
