package io.incidentops.events;

/** Kafka topic names of the contract. */
public final class Topics {
    /** Raw alerts in any accepted wire format, keyed by fingerprint/dedup key when known. */
    public static final String ALERTS = "alerts";
    /** CloudEvents (binary mode) of every service, keyed by incident ID. */
    public static final String INCIDENT_EVENTS = "incident-events";
    /** CDEvents or plain deploy records from CI/CD, keyed by service name. */
    public static final String DEPLOYMENTS = "deployments";

    private Topics() {
    }

    /** The dead-letter topic of a source topic. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
