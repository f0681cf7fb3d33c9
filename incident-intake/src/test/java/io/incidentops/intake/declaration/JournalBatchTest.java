package io.incidentops.intake.declaration;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a journal thread gathers the callers waiting for one insert. Several threads take from one queue: a batch
 * taken by a peek and then a poll once held a null (the peeked caller was taken by the other thread), which killed
 * the thread and left its callers unanswered.
 */
class JournalBatchTest {

    @Test
    void takesWhatIsWaitingUpToTheLimitAndLeavesTheRest() {
        LinkedBlockingQueue<Integer> queue = new LinkedBlockingQueue<>(List.of(2, 3, 50, 1));

        List<Integer> batch = AlertWriter.takeMore(queue, 1, n -> n, 6);

        assertThat(batch).containsExactly(1, 2, 3); // 6 alerts: the limit reached, the next caller waits
        assertThat(queue).containsExactly(50, 1);
        assertThat(AlertWriter.takeMore(queue, 7, n -> n, 6)).as("over the limit alone: taken alone")
                .containsExactly(7);
    }

    @Test
    void threadsTakingFromOneQueueEachTakeEveryElementOnceAndNeverANull() throws Exception {
        int elements = 200_000;
        LinkedBlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
        List<Integer> taken = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            Thread taker = new Thread(() -> {
                try {
                    while (true) {
                        Integer first = queue.poll(200, TimeUnit.MILLISECONDS);
                        if (first == null) return;
                        taken.addAll(AlertWriter.takeMore(queue, first, n -> 1, 8));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    done.countDown();
                }
            });
            taker.start();
        }
        for (int n = 0; n < elements; n++) queue.add(n);

        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();
        assertThat(taken).doesNotContainNull().hasSize(elements).doesNotHaveDuplicates();
    }
}
