package io.incidentops.platform.messaging;

import io.incidentops.events.EventType;

/**
 * What a service does with each event of {@code incident-events}: every service has exactly one such bean.
 * It runs inside the transaction that also records the event ID (so at most once per event), and may ignore types
 * it does not need. Throw {@link PoisonRecordException} for an event that can never be processed.
 */
public interface IncidentEventHandler {
    void on(ReceivedEvent event);

    /**
     * Whether {@link #on} does anything with events of this type. The others are acknowledged without being decoded,
     * opening a transaction or writing an inbox row: in an alert storm most of the topic is other services' news.
     */
    default boolean handles(EventType type) {
        return true;
    }
}
