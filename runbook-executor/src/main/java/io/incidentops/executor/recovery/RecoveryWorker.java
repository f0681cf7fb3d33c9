package io.incidentops.executor.recovery;

import io.incidentops.executor.health.HealthChecker;
import io.incidentops.executor.config.ExecutorConfig;
import io.incidentops.executor.health.HealthResult;
import io.incidentops.executor.metrics.EffectJudge;
import io.incidentops.platform.worker.ClaimWorker;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Runs due recovery checks, whatever the verification follows (a mitigation or the alerts resolving): claim (one
 * replica per verification), GET outside any transaction, record.
 */
@ApplicationScoped
public class RecoveryWorker extends ClaimWorker<RecoveryService.DueCheck> {

    @Inject
    RecoveryService recovery;

    @Inject
    HealthChecker health;

    @Inject
    EffectJudge effects;

    @Inject
    ExecutorConfig config;

    @Inject
    Clock clock;

    @Scheduled(every = "${incidentops.executor.worker.poll-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        runOnce();
    }

    @Override
    protected List<RecoveryService.DueCheck> claim() {
        return recovery.claimDue();
    }

    @Override
    protected void work(RecoveryService.DueCheck check) {
        HealthResult result = health.check(check.healthUrl());
        Instant now = Instant.now(clock);
        Effect effect = Effect.NONE;
        if (effects.applies(check.service())) {
            Duration window = config.recovery().stabilityWindow();
            // figures are judged only by the check that may complete the window: one query_range over all of it
            EffectJudge.Verdict verdict = result.up() && check.completesWindow(now, window)
                    ? effects.judge(check.service(), now.minus(window), now).orElse(null) : null;
            effect = new Effect(true, verdict);
        }
        recovery.record(check.verificationId(), result, now, effect);
    }

    /** Names the verification and its incident, not the health URL (it may carry credentials). */
    @Override
    protected String describe(RecoveryService.DueCheck check) {
        return "recovery check " + check.verificationId() + " of incident " + check.incidentId();
    }


    @Override
    protected String spanName() {
        return "recovery check";
    }
}
