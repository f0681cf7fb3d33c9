package io.incidentops.platform.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The records this replica's consumers are retrying right now. A transient failure is retried without limit and the
 * partition waits behind it (that keeps an incident's events in order), so a long retry is a stuck partition: it shows
 * as the gauge {@code incidentops.messaging.retrying-seconds} (the oldest retry's age, 0 when none) and in the
 * {@link StuckConsumersHealth pipeline health}.
 */
@ApplicationScoped
public class StuckConsumers {

    @Inject
    Clock clock;

    @Inject
    MeterRegistry meters;

    private final Set<Retry> retries = ConcurrentHashMap.newKeySet();

    /** One record under retry: since when, how many tries so far, the last failure. */
    public final class Retry {
        final String topic;
        final Instant since = clock.instant();
        volatile int attempts;
        volatile String lastFailure;

        Retry(String topic) {
            this.topic = topic;
        }

        void failed(int attempt, String failure) {
            attempts = attempt;
            lastFailure = failure;
        }

        Duration age() {
            return Duration.between(since, clock.instant());
        }
    }

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("incidentops.messaging.retrying-seconds", this, s -> s.oldest().map(r -> r.age().toSeconds())
                        .orElse(0L))
                .description("how long the record retried longest by this replica's consumers has been retried "
                        + "(0 when none): its partition waits meanwhile")
                .register(meters);
    }

    int size() {
        return retries.size();
    }

    Retry retrying(String topic) {
        Retry retry = new Retry(topic);
        retries.add(retry);
        return retry;
    }

    void done(Retry retry) {
        retries.remove(retry);
    }

    Optional<Retry> oldest() {
        return retries.stream().min(Comparator.comparing(r -> r.since));
    }
}
