package io.incidentops.platform.messaging;

/**
 * What a service does with each event of {@code incident-events}: every service has exactly one such bean.
 * It runs inside the transaction that also records the event ID (so at most once per event), and may ignore types
 * it does not need. Throw {@link PoisonRecordException} for an event that can never be processed.
 */
public interface IncidentEventHandler {
    void on(ReceivedEvent event);
}
