package io.incidentops.platform.testapp;

import io.incidentops.events.EventType;
import io.incidentops.platform.messaging.IncidentEventHandler;
import io.incidentops.platform.messaging.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * A service-like handler of incident-events whose effect is one row per processed event; like a real service it
 * ignores some types ({@code pir.scheduled}).
 */
@ApplicationScoped
public class TestEventHandler implements IncidentEventHandler {

    @Inject
    EntityManager entityManager;

    @Override
    public boolean handles(EventType type) {
        return type != EventType.PIR_SCHEDULED;
    }

    @Override
    public void on(ReceivedEvent event) {
        entityManager.createNativeQuery("INSERT INTO test_effect (event_id, incident_id) VALUES (:id, :incident)")
                .setParameter("id", event.id())
                .setParameter("incident", event.subject())
                .executeUpdate();
    }
}
