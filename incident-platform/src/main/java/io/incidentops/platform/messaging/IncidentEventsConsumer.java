package io.incidentops.platform.messaging;

import io.incidentops.events.Channels;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The one reader of {@code incident-events} in every service (its own consumer group, see the shared config):
 * hands each record to the service's {@link IncidentEventHandler} through the {@link IncidentEventProcessor}.
 */
@ApplicationScoped
public class IncidentEventsConsumer {

    @Inject
    IncidentEventProcessor processor;

    @Inject
    IncidentEventHandler handler;

    @Incoming(Channels.EVENTS_IN)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        processor.process(record, handler);
    }
}
