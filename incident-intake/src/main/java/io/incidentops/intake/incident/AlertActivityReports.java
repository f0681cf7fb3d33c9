package io.incidentops.intake.incident;

import io.incidentops.events.intake.AlertActivity;
import io.incidentops.events.model.GroupedAlert;
import io.incidentops.platform.outbox.Outbox;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.incidentops.intake.config.IntakeConfig;

/**
 * Summarises what happened to an incident's alerts since its last report in one {@code incident.alert-activity}, at
 * most once per incident per interval, whatever the number of deliveries and of intake replicas: due incidents are
 * claimed with {@code FOR UPDATE SKIP LOCKED}, reported and reset in one transaction.
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
    @Transactional
    public int reportDue() {
        Instant now = Instant.now(clock);
        Duration interval = config.grouping().activityInterval();
        @SuppressWarnings("unchecked")
        List<String> due = em.createNativeQuery("""
                        SELECT id FROM incident
                        WHERE activity_since IS NOT NULL
                          AND (activity_reported_at IS NULL OR activity_reported_at <= :cutoff)
                        ORDER BY activity_since LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .setParameter("cutoff", now.minus(interval))
                .setParameter("limit", INCIDENTS_PER_ROUND)
                .getResultList();
        for (String id : due) {
            report(em.find(Incident.class, id), now);
        }
        return due.size();
    }

    private void report(Incident i, Instant now) {
        Instant from = i.activitySince;
        Object[] counts = (Object[]) em.createNativeQuery("""
                        SELECT count(*) FILTER (WHERE last_seen >= :from),
                               count(*) FILTER (WHERE first_seen >= :from),
                               count(*) FILTER (WHERE status = 'resolved' AND changed_at >= :from),
                               count(*) FILTER (WHERE status = 'firing'),
                               count(*) FILTER (WHERE changed_at >= :from)
                        FROM grouped_alert WHERE incident_id = :incident""")
                .setParameter("from", from)
                .setParameter("incident", i.id)
                .getSingleResult();
        List<GroupedAlert> changed = IncidentAlert.<IncidentAlert>find(
                        "incidentId = ?1 and changedAt >= ?2 order by changedAt desc, dedupKey", i.id, from)
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
