package io.incidentops.platform;

import io.incidentops.platform.worker.ClaimWorker;
import io.incidentops.testsupport.InfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An item created due now is worked as soon as its transaction commits, by the worker's wake-up: this worker has no
 * schedule at all, so nothing else could work it.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class ClaimWorkerWakeUpTest {

    @ApplicationScoped
    static class UnscheduledWorker extends ClaimWorker<String> {

        private final Queue<String> due = new ConcurrentLinkedQueue<>();
        private final Queue<String> worked = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean failNextClaim = new AtomicBoolean();

        /** Methods, not fields: the test holds a client proxy. */
        void schedule(String item) {
            due.add(item);
        }

        List<String> worked() {
            return List.copyOf(worked);
        }

        void failNextClaim() {
            failNextClaim.set(true);
        }

        boolean claimFailed() {
            return !failNextClaim.get();
        }

        @Override
        protected List<String> claim() {
            if (failNextClaim.getAndSet(false)) throw new IllegalStateException("database unavailable");
            String item = due.poll();
            return item == null ? List.of() : List.of(item);
        }

        @Override
        protected void work(String item) {
            worked.add(item);
        }

        @Override
        protected String describe(String item) {
            return "test item " + item;
        }
    }

    @Inject
    UnscheduledWorker worker;

    @Test
    void itemsCreatedDueNowAreWorkedRightAfterTheirTransactionCommits() {
        QuarkusTransaction.requiringNew().run(() -> {
            worker.schedule("first");
            worker.wakeUpAfterCommit();
            worker.schedule("second");
            worker.wakeUpAfterCommit(); // one wake-up per transaction; its rounds take both
        });

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(worker.worked()).containsExactly("first", "second"));
    }

    @Test
    void aFailedRoundLeavesTheNextWakeUpWorking() {
        worker.failNextClaim();
        QuarkusTransaction.requiringNew().run(worker::wakeUpAfterCommit);
        await().atMost(Duration.ofSeconds(10)).until(worker::claimFailed);
        QuarkusTransaction.requiringNew().run(() -> {
            worker.schedule("after the failure");
            worker.wakeUpAfterCommit();
        });

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(worker.worked()).contains("after the failure"));
    }
}
