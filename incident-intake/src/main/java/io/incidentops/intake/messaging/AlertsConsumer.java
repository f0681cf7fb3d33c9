package io.incidentops.intake.messaging;

import io.incidentops.events.Channels;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reader of the {@code alerts} topic (trusted producers: Kafka's own ACLs). A record that is not a valid alert is
 * thrown out as a poison record to {@code alerts.dlq} with the reason; the next record is processed as usual.
 */
@ApplicationScoped
public class AlertsConsumer {

    @Inject
    AlertMessages messages;

    @Incoming(Channels.ALERTS_IN)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        messages.process(record.value());
    }
}
