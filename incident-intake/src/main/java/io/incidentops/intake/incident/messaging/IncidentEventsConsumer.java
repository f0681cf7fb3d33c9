package io.incidentops.intake.incident.messaging;

import io.incidentops.events.Channels;
import io.incidentops.platform.messaging.IncidentEventProcessor;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** incident-intake's reader of {@code incident-events} (idempotent, poison records to the DLQ: see the processor). */
@ApplicationScoped
public class IncidentEventsConsumer {

    @Inject
    IncidentEventProcessor processor;

    @Inject
    IncidentReactions reactions;

    @Incoming(Channels.EVENTS_IN)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        processor.process(record, reactions::on);
    }
}
