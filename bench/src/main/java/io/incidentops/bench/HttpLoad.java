package io.incidentops.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;

import org.HdrHistogram.Histogram;

/**
 * HTTP load over a fixed number of connections: one thread per connection ({@link RawHttp}), each sending one
 * request at a time (HTTP/1.1 keep-alive, as wrk does).
 *
 * <ul>
 *   <li>{@link #closedLoop}: each connection sends its next request as soon as the previous one is answered
 *       (throughput: req/s, and the latency of each request). As in wrk, what counts is the answers that arrive
 *       within the measured window: a request still in flight at its end is waited for, but not counted
 *       ({@code lateAnswers});</li>
 *   <li>{@link #openLoop}: requests are due at a fixed rate whatever the answers (as wrk2 does): each has an intended
 *       send time, and its latency is measured from that time, so a slow answer that delays the next requests counts
 *       against them too (coordinated omission is not hidden).</li>
 * </ul>
 */
final class HttpLoad {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Makes request number {@code seq} (0, 1, 2... across all connections); null when there are no more. */
    interface ShotMaker {
        RawHttp.Request make(long seq);
    }

    /** Sees each measured answer (from several threads at once). */
    interface AnswerSink {
        void accept(long seq, int status, String body, long intendedNanos, long doneNanos);
    }

    /**
     * @param requests        measured requests (answered or failed)
     * @param alerts          alerts in requests answered 2xx
     * @param statuses        HTTP status → count
     * @param errors          requests with no answer (timeout, connection refused or reset)
     * @param latency         closed loop: send → answer; open loop: intended send time → answer
     * @param serviceTime     open loop only: actual send → answer
     * @param intended        open loop only: requests due in the run
     * @param unsent          open loop only: due requests never sent because the run's hard deadline came first
     *                        (counted in {@code latency} with the time they had waited, a lower bound)
     * @param maxSendLagMs    open loop only: the longest a request was sent after its intended time
     * @param lateAnswers     closed loop only: answers that came after the window (not counted elsewhere)
     */
    record Result(String target, String mode, int connections, double seconds, long requests, long alerts,
                  Map<String, Long> statuses, long errors, String firstError, double requestsPerSecond,
                  double alertsPerSecond, LatencyStats latency, LatencyStats serviceTime, Long intended, Long unsent,
                  Double maxSendLagMs, Long lateAnswers) {

        long ok() {
            return statuses.entrySet().stream().filter(e -> e.getKey().startsWith("2")).mapToLong(Map.Entry::getValue)
                    .sum();
        }
    }

    private static final class Worker {
        final RawHttp connection = new RawHttp(TIMEOUT);
        final Histogram latency = LatencyStats.newHistogram();
        final Histogram service = LatencyStats.newHistogram();
        final Map<String, Long> statuses = new TreeMap<>();
        long requests;
        long alerts;
        long errors;
        long unsent;
        long maxLagNanos;
        long lastDone;
        long late;
        boolean exhausted;
        String firstError;
    }

    /**
     * Closed loop for {@code warmup + measure}, or until {@code maker} runs out; answers that arrive in the measured
     * window count (with {@code countLateAnswers}, also those that arrive after it: every request sent counts).
     */
    Result closedLoop(String target, ShotMaker maker, int connections, Duration warmup, Duration measure,
            boolean countLateAnswers, AnswerSink sink) throws InterruptedException {
        AtomicLong seq = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long endAt = measureFrom + measure.toNanos();
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Worker w = new Worker();
            workers.add(w);
            threads.add(new Thread(() -> {
                while (System.nanoTime() < endAt) {
                    long s = seq.getAndIncrement();
                    RawHttp.Request shot = maker.make(s);
                    if (shot == null) {
                        w.exhausted = true;
                        break;
                    }
                    long t0 = System.nanoTime();
                    send(w, shot, s, t0, t0, t1 -> t1 >= measureFrom && (countLateAnswers || t1 <= endAt),
                            t1 -> t1 > endAt, sink);
                }
            }, "bench-" + target + "-" + c));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        workers.forEach(w -> w.connection.close());
        boolean exhausted = workers.stream().anyMatch(w -> w.exhausted);
        return result(target, "closed-loop", connections, workers, measureFrom, exhausted ? null : endAt, null);
    }

    /**
     * Open loop at {@code rate} requests/s for {@code duration}: request {@code i} is due at {@code start + i / rate}
     * and goes out on connection {@code i % connections} (each connection waits for its previous answer, so a
     * connection that falls behind sends late, and its latency says so). Requests still unsent at
     * {@code hardDeadline} after the start are given up and counted as {@code unsent}.
     */
    Result openLoop(String target, ShotMaker maker, int connections, int rate, Duration duration,
            Duration hardDeadline, AnswerSink sink) throws InterruptedException {
        double period = 1e9 / rate;
        long start = System.nanoTime() + 100_000_000L;
        long endAt = start + duration.toNanos();
        long giveUpAt = start + hardDeadline.toNanos();
        long due = (long) Math.ceil(duration.toNanos() / period);
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Worker w = new Worker();
            workers.add(w);
            int k = c;
            threads.add(new Thread(() -> {
                for (long i = k; ; i += connections) {
                    long intended = start + (long) (i * period);
                    if (intended >= endAt) {
                        break;
                    }
                    long now;
                    while ((now = System.nanoTime()) < intended) {
                        LockSupport.parkNanos(intended - now);
                    }
                    if (now >= giveUpAt) {
                        // never sent: counted with the time it had waited, a lower bound of its latency
                        for (long j = i; start + (long) (j * period) < endAt; j += connections) {
                            LatencyStats.record(w.latency, now - (start + (long) (j * period)));
                            w.unsent++;
                        }
                        break;
                    }
                    RawHttp.Request shot = maker.make(i);
                    if (shot == null) {
                        break;
                    }
                    w.maxLagNanos = Math.max(w.maxLagNanos, now - intended);
                    send(w, shot, i, intended, now, t1 -> true, t1 -> false, sink);
                }
            }, "bench-" + target + "-" + c));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        workers.forEach(w -> w.connection.close());
        return result(target, "open-loop " + rate + "/s", connections, workers, start, null, due);
    }

    /** {@code counts}: whether an answer at this time is measured; {@code late}: whether it came after the window. */
    private static void send(Worker w, RawHttp.Request shot, long seq, long intended, long t0, LongPredicate counts,
            LongPredicate late, AnswerSink sink) {
        RawHttp.Response response = null;
        String error = null;
        try {
            response = w.connection.exchange(shot);
        } catch (IOException e) {
            error = String.valueOf(e.getMessage());
        }
        long t1 = System.nanoTime();
        if (!counts.test(t1)) {
            if (late.test(t1) && response != null) {
                w.late++;
            }
            return;
        }
        w.requests++;
        w.lastDone = t1;
        LatencyStats.record(w.latency, t1 - intended);
        LatencyStats.record(w.service, t1 - t0);
        if (response == null) {
            w.errors++;
            if (w.firstError == null) {
                w.firstError = error;
            }
            LockSupport.parkNanos(10_000_000L); // a refused connection must not become a busy loop
            return;
        }
        w.statuses.merge(String.valueOf(response.status()), 1L, Long::sum);
        if (response.status() / 100 == 2) {
            w.alerts += shot.alerts();
        } else if (w.firstError == null) {
            String body = response.body();
            w.firstError = "HTTP " + response.status() + ": " + body.substring(0, Math.min(300, body.length()));
        }
        if (sink != null) {
            sink.accept(seq, response.status(), response.body(), intended, t1);
        }
    }

    /** {@code until}: end of the window, or null to take the last answer's time. */
    private static Result result(String target, String mode, int connections, List<Worker> workers, long from,
            Long until, Long intended) {
        Histogram latency = LatencyStats.newHistogram();
        Histogram service = LatencyStats.newHistogram();
        Map<String, Long> statuses = new TreeMap<>();
        long requests = 0;
        long alerts = 0;
        long errors = 0;
        long unsent = 0;
        long late = 0;
        long maxLag = 0;
        long lastDone = from;
        String firstError = null;
        for (Worker w : workers) {
            latency.add(w.latency);
            service.add(w.service);
            w.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
            requests += w.requests;
            alerts += w.alerts;
            errors += w.errors;
            unsent += w.unsent;
            late += w.late;
            maxLag = Math.max(maxLag, w.maxLagNanos);
            lastDone = Math.max(lastDone, w.lastDone);
            if (firstError == null) {
                firstError = w.firstError;
            }
        }
        double seconds = Math.max(1e-9, ((until != null ? until : lastDone) - from) / 1e9);
        boolean open = intended != null;
        return new Result(target, mode, connections, round(seconds, 2), requests, alerts, statuses, errors, firstError,
                round(requests / seconds, 1), round(alerts / seconds, 1), LatencyStats.of(latency),
                open ? LatencyStats.of(service) : null, intended, open ? unsent : null,
                open ? round(maxLag / 1e6, 1) : null, open ? null : late);
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
