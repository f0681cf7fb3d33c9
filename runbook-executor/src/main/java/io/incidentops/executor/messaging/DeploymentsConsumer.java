package io.incidentops.executor.messaging;

import io.incidentops.events.Channels;
import io.incidentops.events.Topics;
import io.incidentops.executor.deployment.DeploymentRecord;
import io.incidentops.executor.deployment.DeploymentRecordParser;
import io.incidentops.executor.deployment.DeploymentService;
import io.incidentops.platform.messaging.ConsumerRetries;
import io.incidentops.platform.messaging.KafkaRecords;
import io.incidentops.platform.messaging.PoisonRecordException;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * The {@code deployments} topic: read the record, hand it to {@link DeploymentService}. A record that cannot be read
 * is poison: the channel's dead-letter strategy sends it to {@code deployments.dlq} with the reason, and the consumer
 * goes on. Storing it is retried as {@link ConsumerRetries} says (database trouble for as long as it lasts; each
 * attempt its own transaction, in {@link DeploymentService}).
 */
@ApplicationScoped
public class DeploymentsConsumer {

    static final String DEPLOYMENTS = "incidentops.executor.deployments";

    @Inject
    DeploymentService deployments;

    @Inject
    ConsumerRetries retries;

    @Inject
    MeterRegistry registry;

    @Incoming(Channels.DEPLOYMENTS_IN)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecord<String, String> message) {
        ConsumerRecord<String, String> record = KafkaRecords.one(message); // <String, String>: the channel's deserializers
        return retries.settle(Topics.DEPLOYMENTS, message, () -> {
            // record() is its own transaction: counted once it committed, so a retried attempt is not counted twice
            count(deployments.record(parse(record)) ? "stored" : "duplicate");
        });
    }

    private DeploymentRecord parse(ConsumerRecord<String, String> record) {
        try {
            return DeploymentRecordParser.parse(record);
        } catch (PoisonRecordException e) {
            count("rejected");
            throw e;
        }
    }

    private void count(String outcome) {
        registry.counter(DEPLOYMENTS, "outcome", outcome).increment();
    }
}
