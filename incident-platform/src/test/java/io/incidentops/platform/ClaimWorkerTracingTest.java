package io.incidentops.platform;

import io.incidentops.events.intake.IncidentAcknowledged;
import io.incidentops.platform.outbox.Outbox;
import io.incidentops.platform.outbox.OutboxRelay;
import io.incidentops.platform.tracing.TraceParents;
import io.incidentops.platform.worker.ClaimWorker;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.TestIds;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Work claimed later (a timer, a delivery) continues the trace of the work that created the item. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class ClaimWorkerTracingTest {

    /** Items are (name, stored traceparent); each is worked by publishing an event, as real workers do. */
    @ApplicationScoped
    static class TracedWorker extends ClaimWorker<String[]> {

        @Inject
        Outbox outbox;

        private final List<String[]> due = new ArrayList<>();
        private final List<UUID> published = new ArrayList<>();

        /** Methods, not fields: the test holds a client proxy. */
        void schedule(String name, String traceparent) {
            due.add(new String[]{name, traceparent});
        }

        List<UUID> published() {
            return published;
        }

        @Override
        protected List<String[]> claim() {
            List<String[]> claimed = List.copyOf(due);
            due.clear();
            return claimed;
        }

        @Override
        protected void work(String[] item) {
            published.add(QuarkusTransaction.requiringNew().call(() -> outbox.publish(
                    new IncidentAcknowledged(TestIds.newIncidentId(), item[0], Instant.now()))));
        }

        @Override
        protected String describe(String[] item) {
            return "test item " + item[0];
        }

        @Override
        protected String traceparent(String[] item) {
            return item[1];
        }
    }

    @Inject
    TracedWorker worker;

    @Inject
    OutboxRelay relay;

    @Inject
    Tracer tracer;

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void holdTheRelay() {
        relay.pause(); // the rows stay to be read
    }

    @AfterEach
    void tearDown() {
        relay.resume();
    }

    @Test
    void itemWorkContinuesTheTraceOfItsCreator() {
        String creatorTraceparent;
        Span creator = tracer.spanBuilder("declare incident").setParent(OutboxTracingTest.sampledCaller()).startSpan();
        try (Scope ignored = creator.makeCurrent()) {
            creatorTraceparent = TraceParents.current(); // what the item's row keeps
        } finally {
            creator.end();
        }
        worker.schedule("traced", creatorTraceparent);
        worker.schedule("untraced", null);

        assertThat(worker.runOnce()).isEqualTo(2);

        String traced = storedTraceparent(worker.published().get(0));
        assertThat(traced).as("the event published by the item's work is in its creator's trace")
                .startsWith("00-" + creator.getSpanContext().getTraceId() + "-")
                .doesNotContain(creator.getSpanContext().getSpanId()) // a span of its own, child of the creator's
                .endsWith("-01");
        assertThat(storedTraceparent(worker.published().get(1))).as("no stored trace: nothing invented").isNull();
    }

    private String storedTraceparent(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                .createNativeQuery("SELECT traceparent FROM outbox_event WHERE id = :id")
                .setParameter("id", id).getSingleResult());
    }
}
