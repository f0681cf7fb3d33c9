package io.incidentops.platform;

import io.incidentops.events.intake.IncidentAcknowledged;
import io.incidentops.platform.outbox.Outbox;
import io.incidentops.platform.outbox.OutboxEvent;
import io.incidentops.platform.outbox.OutboxRelay;
import io.incidentops.platform.transaction.Exists;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.TestIds;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The existence check sees rows committed and rows of its entity still pending in the transaction, and no others. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class ExistsTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    EntityManager em;

    @Test
    void findsPendingAndCommittedRowsOfItsEntityOnly() {
        relay.pause(); // the rows stay in the outbox to be found
        try {
            UUID id = QuarkusTransaction.requiringNew().call(() -> {
                UUID published = outbox.publish(new IncidentAcknowledged(TestIds.newIncidentId(), "ann", Instant.now()));
                assertThat(exists(published)).as("pending in this transaction: flushed first").isTrue();
                return published;
            });
            assertThat(QuarkusTransaction.requiringNew().call(() -> exists(id))).as("committed").isTrue();
            assertThat(QuarkusTransaction.requiringNew().call(() -> exists(UUID.randomUUID()))).as("no such row").isFalse();
        } finally {
            relay.resume();
        }
    }

    private boolean exists(UUID id) {
        return Exists.row(em, OutboxEvent.class, "outbox_event", "id", id);
    }
}
