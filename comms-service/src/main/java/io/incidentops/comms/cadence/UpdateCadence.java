package io.incidentops.comms.cadence;

import io.incidentops.comms.config.CommsConfig;
import io.incidentops.comms.messages.Messages;
import io.incidentops.comms.statuspage.PageIncident;
import io.incidentops.comms.statuspage.StatusPageService;
import io.incidentops.events.comms.UpdateDue;
import io.incidentops.platform.outbox.Outbox;
import io.incidentops.platform.transaction.AfterCommit;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The "Next update in 30 minutes" promise: when an open public incident had no update for its update interval (per
 * severity, halved in emergency mode: {@link PageIncident#updateInterval}),
 * {@code comms.update-due} is emitted once for that due time and the next due time is set one interval later.
 * Due rows are locked with SKIP LOCKED, so replicas never emit the same due time twice. After a long outage of the
 * service only the latest missed due time is announced (a backlog of reminders helps nobody). With
 * {@code auto-update} on, a due investigating incident also gets "We are continuing to investigate" on the page (the
 * seed's update template), which starts the next interval from now.
 */
@ApplicationScoped
public class UpdateCadence {

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    CommsConfig config;

    @Inject
    MeterRegistry meters;

    @Inject
    AfterCommit afterCommit;

    @Inject
    Clock clock;

    @Inject
    StatusPageService statusPage;

    @Inject
    Messages messages;

    @Scheduled(identity = "update-cadence", every = "${incidentops.comms.cadence-check-interval:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void check() {
        emitDue();
    }

    /** @return how many reminders were emitted */
    @Transactional
    @SuppressWarnings("unchecked")
    public int emitDue() {
        Instant now = Instant.now(clock);
        List<PageIncident> due = em.createNativeQuery("SELECT * FROM page_incident WHERE resolved_at IS NULL "
                        + "AND status <> 'resolved' AND next_update_due_at <= :now ORDER BY next_update_due_at "
                        + "LIMIT 100 FOR UPDATE SKIP LOCKED", PageIncident.class)
                .setParameter("now", now)
                .getResultList();
        for (PageIncident incident : due) {
            Duration interval = incident.updateInterval(config.updateInterval());
            Instant dueAt = incident.nextUpdateDueAt;
            while (!dueAt.plus(interval).isAfter(now)) dueAt = dueAt.plus(interval);
            outbox.publish(new UpdateDue(incident.incidentId, incident.lastUpdateAt, dueAt));
            incident.nextUpdateDueAt = dueAt.plus(interval);
            if (config.autoUpdate() && PageIncident.INVESTIGATING.equals(incident.status)) {
                statusPage.update(incident, incident.status, messages.investigatingBody(interval));
            }
        }
        if (!due.isEmpty()) {
            // counted once the reminders are committed: a rolled-back run announced nothing
            afterCommit.run(() -> meters.counter("incidentops.comms.updates.due").increment(due.size()));
        }
        return due.size();
    }
}
