package io.incidentops.local;

/** A running Kafka broker: in this JVM ({@link EmbeddedKafka}, tests) or in its own ({@link KafkaBrokerProcess}). */
public interface KafkaBroker extends AutoCloseable {

    /** {@code 127.0.0.1:<port>} of the PLAINTEXT listener. */
    String bootstrapServers();

    /** Stops the broker. Idempotent. */
    @Override
    void close();
}
