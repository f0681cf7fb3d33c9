package io.incidentops.intake.messaging;

import io.incidentops.events.Channels;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.ArrayList;
import java.util.List;

/**
 * Reader of the {@code alerts} topic (trusted producers: Kafka's own ACLs), a poll's worth of records at a time so
 * that they are committed together. A record that is not a valid alert goes to {@code alerts.dlq} with the reason;
 * the others are processed as usual.
 */
@ApplicationScoped
public class AlertsConsumer {

    @Inject
    AlertMessages messages;

    @Incoming(Channels.ALERTS_IN)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> poll = new ArrayList<>(records.count());
        records.forEach(poll::add);
        messages.process(poll);
    }
}
