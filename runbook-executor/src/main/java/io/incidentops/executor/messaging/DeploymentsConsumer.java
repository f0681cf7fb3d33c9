package io.incidentops.executor.messaging;

import io.incidentops.events.Channels;
import io.incidentops.executor.deployment.DeploymentRecord;
import io.incidentops.executor.deployment.DeploymentRecordParser;
import io.incidentops.executor.deployment.DeploymentService;
import io.incidentops.platform.messaging.PoisonRecordException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.temporal.ChronoUnit;

/**
 * The {@code deployments} topic: read the record, hand it to {@link DeploymentService}. A record that cannot be read
 * is thrown on as a {@link PoisonRecordException}: the channel's dead-letter strategy sends it to
 * {@code deployments.dlq} with the reason, and the consumer goes on. Database trouble is retried with backoff (each
 * attempt its own transaction, in {@link DeploymentService}).
 */
@ApplicationScoped
public class DeploymentsConsumer {

    static final String DEPLOYMENTS = "incidentops.executor.deployments";

    @Inject
    DeploymentService deployments;

    @Inject
    MeterRegistry registry;

    @Incoming(Channels.DEPLOYMENTS_IN)
    @Blocking
    @Retry(maxRetries = 6, delay = 200, delayUnit = ChronoUnit.MILLIS, jitter = 100,
            maxDuration = 2, durationUnit = ChronoUnit.MINUTES, abortOn = PoisonRecordException.class)
    @ExponentialBackoff(maxDelay = 10, maxDelayUnit = ChronoUnit.SECONDS)
    public void consume(ConsumerRecord<String, String> record) {
        DeploymentRecord deployment;
        try {
            deployment = DeploymentRecordParser.parse(record);
        } catch (PoisonRecordException e) {
            count("rejected");
            throw e;
        }
        // record() is its own transaction: counted once it committed, so a retried attempt is not counted twice
        count(deployments.record(deployment) ? "stored" : "duplicate");
    }

    private void count(String outcome) {
        registry.counter(DEPLOYMENTS, "outcome", outcome).increment();
    }
}
