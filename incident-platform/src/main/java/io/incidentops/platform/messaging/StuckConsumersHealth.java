package io.incidentops.platform.messaging;

import io.smallrye.health.api.HealthGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.time.Duration;
import java.util.Optional;

/**
 * The check {@code consumers} in the health group {@code pipeline} (read by comms' watchdog): DOWN once a record has
 * been retried longer than {@code incidentops.messaging.stuck-after}, with its topic, age, tries and last failure. Not
 * readiness or liveness: a restart or a pulled replica would not bring the database back.
 */
@HealthGroup("pipeline")
@ApplicationScoped
public class StuckConsumersHealth implements HealthCheck {

    static final String NAME = "consumers";

    @Inject
    StuckConsumers stuck;

    @ConfigProperty(name = "incidentops.messaging.stuck-after", defaultValue = "PT2M")
    Duration stuckAfter;

    @Override
    public HealthCheckResponse call() {
        Optional<StuckConsumers.Retry> oldest = stuck.oldest();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(oldest.map(r -> r.age().compareTo(stuckAfter) <= 0).orElse(true))
                .withData("retrying", stuck.size())
                .withData("stuck-after-seconds", stuckAfter.toSeconds());
        oldest.ifPresent(r -> response.withData("oldest-topic", r.topic)
                .withData("oldest-seconds", r.age().toSeconds())
                .withData("oldest-attempts", r.attempts)
                .withData("oldest-failure", String.valueOf(r.lastFailure)));
        return response.build();
    }
}
