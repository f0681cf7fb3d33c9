package io.incidentops.executor;

import io.incidentops.testsupport.KafkaTestClient;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;

/** What a test of the executor's event flow holds: a Kafka client (closed after each test) and the database. */
abstract class EventsTestBase {

    protected final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    EntityManager em;

    @AfterEach
    void closeKafka() {
        kafka.close();
    }
}
