package io.incidentops.platform.testapp;

import io.incidentops.events.Channels;
import io.incidentops.platform.messaging.IncidentEventProcessor;
import io.incidentops.platform.messaging.ReceivedEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A service-like consumer of incident-events whose effect is one row per processed event. */
@ApplicationScoped
public class TestEventConsumer {

    @Inject
    IncidentEventProcessor processor;

    @Inject
    EntityManager entityManager;

    @Incoming(Channels.EVENTS_IN)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        processor.process(record, this::recordEffect);
    }

    void recordEffect(ReceivedEvent event) {
        entityManager.createNativeQuery("INSERT INTO test_effect (event_id, incident_id) VALUES (:id, :incident)")
                .setParameter("id", event.id())
                .setParameter("incident", event.subject())
                .executeUpdate();
    }
}
