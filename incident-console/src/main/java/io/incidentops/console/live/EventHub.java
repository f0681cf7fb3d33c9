package io.incidentops.console.live;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fans the incident events this replica reads out to every open {@code /events} stream. A browser that falls more than
 * {@value #PER_SUBSCRIBER_BUFFER} events behind loses its stream rather than holding up the others; EventSource
 * reconnects and the page re-reads the incident.
 */
@ApplicationScoped
public class EventHub {

    private static final int PER_SUBSCRIBER_BUFFER = 256;

    private final BroadcastProcessor<LiveEvent> processor = BroadcastProcessor.create();

    public void publish(LiveEvent event) {
        processor.onNext(event);
    }

    /** Events from now on; {@code incidentId} null for every incident. */
    public Multi<LiveEvent> stream(String incidentId) {
        Multi<LiveEvent> events = processor.onOverflow().buffer(PER_SUBSCRIBER_BUFFER);
        return incidentId == null ? events : events.select().where(e -> incidentId.equals(e.incidentId()));
    }
}
