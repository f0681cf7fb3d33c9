package io.incidentops.intake.heartbeat;

import io.incidentops.intake.config.IntakeConfig;
import io.incidentops.intake.declaration.AlertIngest;
import io.incidentops.platform.worker.ClaimWorker;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Expired heartbeats to alerts (the platform's claim loop, as the escalation timers): each claimed notice goes through
 * {@link AlertIngest} like any alert, and is cleared once committed there. A replica that dies in between leaves it to
 * the lease; the notice sent again is a repeat of the same dedup key, not a second alert.
 */
@ApplicationScoped
public class HeartbeatExpiry extends ClaimWorker<Heartbeats.Notice> {

    @Inject
    Heartbeats heartbeats;

    @Inject
    AlertIngest ingest;

    @Inject
    Clock clock;

    @Inject
    IntakeConfig config;

    @Scheduled(identity = "heartbeat-expiry", every = "${incidentops.intake.heartbeats.poll-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void expireDue() {
        runOnce();
    }

    @Override
    protected List<Heartbeats.Notice> claim() {
        return heartbeats.claim(config.heartbeats().batchSize(), config.heartbeats().lease());
    }

    @Override
    protected void work(Heartbeats.Notice notice) {
        // deleted meanwhile: nothing to say (an alert already raised is resolved like any other, by its people)
        heartbeats.find(notice.heartbeat()).ifPresent(h -> ingest.ingest(Heartbeats.Notice.RESOLVED.equals(notice.kind())
                ? HeartbeatAlerts.resolved(h, Instant.now(clock)) : HeartbeatAlerts.expired(h, Instant.now(clock))));
        heartbeats.sent(notice);
    }

    @Override
    protected String spanName() {
        return "heartbeat notice";
    }

    @Override
    protected String describe(Heartbeats.Notice notice) {
        return "heartbeat " + notice.heartbeat() + " " + notice.kind();
    }
}
