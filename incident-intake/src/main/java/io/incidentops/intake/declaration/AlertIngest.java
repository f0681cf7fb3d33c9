package io.incidentops.intake.declaration;

import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.config.IntakeConfig;
import io.incidentops.intake.integrations.Integration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The front door of every alert source (HTTP routes, the {@code alerts} topic): repeats of known alerts are counted
 * in memory and answered at once; everything else is committed by the {@link AlertWriter} before the caller is
 * answered (applied to its incident, or only journaled for {@link #acceptDurably}), so a 2xx always means durable.
 * HTTP routes wait without a thread ({@link #accept}); the {@code alerts} consumer blocks its own ({@link #ingest}).
 * Every alert arrives from an {@link Integration} and is scoped by it here (its dedup key namespaced, its severity
 * capped), so no route can forget to.
 */
@ApplicationScoped
public class AlertIngest {

    @Inject
    KnownAlerts known;

    @Inject
    AlertWriter writer;

    @Inject
    IntakeMetrics metrics;

    @Inject
    IntakeConfig config;

    public AlertIntake.Outcome ingest(Integration from, Alert alert) {
        return ingest(from, List.of(alert)).get(0);
    }

    /** The outcomes in the alerts' order, once committed (a 2xx may be answered); blocks the calling thread. */
    public List<AlertIntake.Outcome> ingest(Integration from, List<Alert> alerts) {
        return await(submit(from, alerts));
    }

    /**
     * The same without blocking a thread: HTTP routes answer from the event loop when the outcomes are committed, or
     * fail with {@link IntakeOverloadedException} after {@code answer-timeout} (the alerts may still commit; a retry
     * is then recognised as a repeat).
     */
    public CompletionStage<List<AlertIntake.Outcome>> accept(Integration from, List<Alert> alerts) {
        return answered(submit(from, alerts));
    }

    /**
     * The same, answered once the alerts are durable in intake's journal rather than once applied to their incidents:
     * a new alert's outcome is {@link AlertIntake#QUEUED} (no incident yet), a repeat's is known at once.
     */
    public CompletionStage<List<AlertIntake.Outcome>> acceptDurably(Integration from, List<Alert> alerts) {
        return answered(sortRepeats(from.scoped(alerts), writer::queue));
    }

    /**
     * An HTTP caller's answer: the outcomes once {@code written} completes, or 503 after {@code answer-timeout}.
     * A plain future, not a Mutiny {@code Uni}: with context propagation on, every Uni operator captures and restores
     * the request's contexts, measured at a seventh of the event loop's time per alert.
     */
    private CompletionStage<List<AlertIntake.Outcome>> answered(CompletableFuture<List<AlertIntake.Outcome>> written) {
        CompletableFuture<List<AlertIntake.Outcome>> answer = new CompletableFuture<>();
        written.orTimeout(config.writer().answerTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((outcomes, failure) -> {
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    if (cause == null) answer.complete(outcomes);
                    else answer.completeExceptionally(cause instanceof TimeoutException ? notCommittedInTime() : cause);
                });
        return answer;
    }

    /**
     * Without waiting: repeats are counted at once, the rest queued for the writer; the future completes with every
     * outcome in the alerts' order once they are committed. Refused at once when intake is at capacity.
     */
    public CompletableFuture<List<AlertIntake.Outcome>> submit(Integration from, List<Alert> alerts) {
        return submitScoped(from.scoped(alerts));
    }

    /** The same for alerts their integrations already scoped (a poll of the topic mixes integrations). */
    public CompletableFuture<List<AlertIntake.Outcome>> submitScoped(List<Alert> scoped) {
        return sortRepeats(scoped, writer::submit);
    }

    /** Counts the repeats, hands the rest to {@code write}, and merges both outcomes in the alerts' order. */
    private CompletableFuture<List<AlertIntake.Outcome>> sortRepeats(List<Alert> alerts,
            Function<List<Alert>, CompletableFuture<List<AlertIntake.Outcome>>> write) {
        AlertIntake.Outcome[] outcomes = new AlertIntake.Outcome[alerts.size()];
        List<Alert> toWrite = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int n = 0; n < alerts.size(); n++) {
            Optional<AlertIntake.Outcome> repeat = known.countRepeat(alerts.get(n));
            if (repeat.isPresent()) {
                outcomes[n] = repeat.get();
                metrics.repeatCounted(alerts.get(n).source());
            } else {
                toWrite.add(alerts.get(n));
                positions.add(n);
            }
        }
        if (toWrite.isEmpty()) {
            return CompletableFuture.completedFuture(List.of(outcomes));
        }
        return write.apply(toWrite).thenApply(written -> {
            for (int n = 0; n < written.size(); n++) {
                outcomes[positions.get(n)] = written.get(n);
            }
            return List.of(outcomes);
        });
    }

    /** Waits for a submission's commit, at most {@code answer-timeout}. */
    public List<AlertIntake.Outcome> await(CompletableFuture<List<AlertIntake.Outcome>> done) {
        try {
            return done.get(config.writer().answerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw notCommittedInTime();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw new CompletionException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntakeOverloadedException("interrupted while waiting for the commit",
                    config.writer().retryAfterSeconds());
        }
    }

    private IntakeOverloadedException notCommittedInTime() {
        return new IntakeOverloadedException("the alerts were not committed within "
                + config.writer().answerTimeout().toSeconds() + " s", config.writer().retryAfterSeconds());
    }
}
