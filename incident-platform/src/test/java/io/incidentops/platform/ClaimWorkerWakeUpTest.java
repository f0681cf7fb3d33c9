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
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An item created due now is worked as soon as its transaction commits, by the worker's wake-up: these workers have no
 * schedule at all, so nothing else could work them.
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

    /** Three threads at once: each item's work waits until all three are being worked together. */
    @ApplicationScoped
    static class ParallelWorker extends ClaimWorker<String> {

        private final Queue<String> due = new ConcurrentLinkedQueue<>();
        private final Queue<String> worked = new ConcurrentLinkedQueue<>();
        private final CyclicBarrier together = new CyclicBarrier(3);

        void schedule(String item) {
            due.add(item);
        }

        List<String> worked() {
            return List.copyOf(worked);
        }

        @Override
        protected int parallelism() {
            return 3;
        }

        @Override
        protected List<String> claim() {
            String item = due.poll();
            return item == null ? List.of() : List.of(item);
        }

        @Override
        protected void work(String item) {
            try {
                together.await(10, TimeUnit.SECONDS); // one thread alone would wait in vain
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("not worked at the same time as the others", e);
            }
            worked.add(item);
        }

        @Override
        protected String describe(String item) {
            return "test item " + item;
        }
    }

    @Inject
    UnscheduledWorker worker;

    @Inject
    ParallelWorker parallel;

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

    @Test
    void aWorkerOfSeveralThreadsWorksItsDueItemsAtOnce() {
        QuarkusTransaction.requiringNew().run(() -> {
            List.of("page 1", "page 2", "page 3").forEach(parallel::schedule);
            parallel.wakeUpAfterCommit();
        });

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(parallel.worked()).containsExactlyInAnyOrder("page 1", "page 2", "page 3"));
    }
}
