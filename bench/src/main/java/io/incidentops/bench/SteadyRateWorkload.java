package io.incidentops.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.HdrHistogram.Histogram;

import io.incidentops.events.EventType;

/**
 * (e) a steady {@code --rate} alerts/s (one distinct alert per webhook request, open loop: see {@link HttpLoad}), and
 * for each alert that declared an incident (the {@code dedupKey} of {@code incident.declared}), the time from its
 * intended send time to the HTTP answer, to {@code incident.declared}, to the incident's first
 * {@code comms.status-page-updated} (the public status page shows it) and to its first page a mail server took
 * ({@code comms.notification-sent} of kind {@code page}: people paged; the services page through the stack's demo
 * policy, see {@link PagedServices}), as seen on {@code incident-events}.
 */
final class SteadyRateWorkload {

    /** A page a mail server took (the watcher counts only pages of this type). */
    private static final EventType PAGED = EventType.COMMS_NOTIFICATION_SENT;

    private final Ctx ctx;

    SteadyRateWorkload(Ctx ctx) {
        this.ctx = ctx;
    }

    void run() throws Exception {
        Options o = ctx.options;
        System.out.printf("%n[bench] (e) %d alerts/s for %d s over %d connections (open loop)%n", o.rate(),
                o.seconds(), o.rateConnections());
        Alerts alerts = new Alerts(ctx.runTag, "e", o.services(), Instant.now());
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        IntakeAnswers answers = new IntakeAnswers(sentAt::putIfAbsent);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("what", "open loop at a fixed rate, 1 distinct alert per request; latency from the intended send time");
        HttpLoad.Result http;
        Map<String, Object> proc;
        Map<String, Object> declared;
        Map<String, Object> statusPage;
        Map<String, Object> paged;
        warmUpGenerator(o);
        PagedServices pagedServices = PagedServices.map(ctx, alerts, PagedServices.DEMO_POLICY).orElse(null);
        ctx.settle("(e)");
        try (pagedServices; IncidentEventWatcher watcher = new IncidentEventWatcher(ctx.kafkaBootstrap,
                List.of(EventType.INCIDENT_DECLARED, EventType.COMMS_STATUS_PAGE_UPDATED, PAGED))) {
            ProcWatch watch = ctx.watchIntake();
            watch.start();
            HttpLoad.ShotMaker maker = seq -> ctx.webhook(alerts.webhook(alerts.alerts(seq, 1)), 1);
            Duration hard = ctx.seconds().plus(Duration.ofSeconds(Math.max(10, o.seconds())));
            http = ctx.load.openLoop("intake", maker, o.rateConnections(), o.rate(), ctx.seconds(), hard, answers);
            proc = watch.stop();
            // declarations may still come (alerts are answered once durable, applied after): wait until none came
            // for two seconds and every declared incident reached the page and its people
            long waitUntil = System.nanoTime() + Duration.ofSeconds(o.eventWaitSeconds()).toNanos();
            Map<String, Long> declaredAt = declaredAt(watcher, sentAt);
            long quietSince = System.nanoTime();
            while (System.nanoTime() < waitUntil && !(System.nanoTime() - quietSince > 2_000_000_000L
                    && allSeen(declaredAt, watcher.arrivals(EventType.COMMS_STATUS_PAGE_UPDATED))
                    && (pagedServices == null || allSeen(declaredAt, watcher.arrivals(PAGED))))) {
                Thread.sleep(200);
                Map<String, Long> now = declaredAt(watcher, sentAt);
                if (now.size() != declaredAt.size()) quietSince = System.nanoTime();
                declaredAt = now;
            }
            long stoppedWaiting = System.nanoTime();
            declared = latencies(declaredAt, watcher.arrivals(EventType.INCIDENT_DECLARED), stoppedWaiting);
            statusPage = latencies(declaredAt, watcher.arrivals(EventType.COMMS_STATUS_PAGE_UPDATED), stoppedWaiting);
            paged = pagedServices == null ? null : latencies(declaredAt, watcher.arrivals(PAGED), stoppedWaiting);
            if (watcher.failure() != null) {
                ctx.report.note("(e) reading incident-events failed: " + watcher.failure());
            }
        }
        result.put("intake", http);
        result.put("intakeOutcomes", answers.summary());
        result.put("intakeProcess", proc);
        result.put("alertToDeclared", declared);
        result.put("alertToStatusPage", statusPage);
        result.put("alertToPaged", paged);
        ctx.report.workload("e", result);

        Report r = ctx.report;
        r.row("(e)", "rate achieved (alerts/s answered, of " + o.rate() + ")", Report.num(http.requestsPerSecond())
                + (http.unsent() > 0 ? ", " + http.unsent() + " never sent" : ""), null, null, null, null);
        LatencyStats l = http.latency();
        r.row("(e)", "alert -> HTTP answer p50 / p99 ms", Report.ms(l.p50Ms()) + " / " + Report.ms(l.p99Ms()), null,
                null, "declared p99 < 50 ms", l.p99Ms() == null ? null : Report.met(l.p99Ms() < 50
                        && http.requests() == http.ok()));
        long notOk = http.requests() - http.ok();
        if (notOk > 0) {
            r.row("(e)", "answers not 2xx (incl. no answer)", notOk + " of " + http.requests() + " " + http.statuses(),
                    null, null, "none", null);
            r.note("(e) first failure: " + http.firstError());
        }
        eventRow("alert -> incident declared", declared, null);
        eventRow("alert -> public status page", statusPage, 250);
        if (paged != null) eventRow("alert -> people paged (page e-mail sent)", paged, 250);
    }

    /**
     * The generator's own warm-up: the measured rate for min({@code --warmup}, 10) s on repeats of one alert of a
     * service of its own (one incident, the dedup path), dropped. Without it the generator's JIT, threads and sockets
     * took 0.5-1.4 of the two cores in the measured run's first second, just when the run's declarations come: part
     * of (e)'s start was the bench's own.
     */
    private void warmUpGenerator(Options o) throws InterruptedException {
        Duration warmUp = Duration.ofSeconds(Math.min(o.warmupSeconds(), 10));
        if (warmUp.isZero()) return;
        Alerts warm = new Alerts(ctx.runTag, "e-warm-up", 1, Instant.now());
        RawHttp.Request repeat = ctx.webhook(warm.webhook(warm.alerts(0, 1)), 1);
        HttpLoad.Result r = ctx.load.openLoop("intake-warm-up", seq -> repeat, o.rateConnections(), o.rate(), warmUp,
                warmUp.plusSeconds(10), new IntakeAnswers());
        System.out.printf("[bench] (e) generator warm-up (%d s, dropped): %.0f req/s%n", warmUp.toSeconds(),
                r.requestsPerSecond());
    }

    /** Incident ID → intended send time of the alert that declared it (an alert of this run). */
    private static Map<String, Long> declaredAt(IncidentEventWatcher watcher, Map<String, Long> sentAt) {
        Map<String, Long> declaredAt = new java.util.HashMap<>();
        watcher.declaringAlerts().forEach((incidentId, dedupKey) -> {
            Long sent = sentAt.get(dedupKey);
            if (sent != null) declaredAt.put(incidentId, sent);
        });
        return declaredAt;
    }

    private void eventRow(String what, Map<String, Object> m, Integer targetMs) {
        LatencyStats l = (LatencyStats) m.get("latency");
        long missing = (Long) m.get("missing");
        String value = Report.ms(l.p50Ms()) + " / " + Report.ms(l.p99Ms())
                + (missing > 0 ? " (" + missing + " of " + m.get("declared") + " never seen: lower bound)" : "");
        ctx.report.row("(e)", what + " p50 / p99 ms", value, null, null,
                targetMs == null ? null : "p99 < " + targetMs + " ms",
                targetMs == null || l.p99Ms() == null ? null : Report.met(l.p99Ms() < targetMs && missing == 0));
    }

    private static boolean allSeen(Map<String, Long> declared, Map<String, Long> arrivals) {
        return declared.keySet().stream().allMatch(arrivals::containsKey);
    }

    /**
     * Intended send time → first event, for every declared incident; one whose event never came is counted with
     * the time waited (a lower bound), so a lost event cannot make the figures look better.
     */
    static Map<String, Object> latencies(Map<String, Long> declaredAt, Map<String, Long> arrivals, long stoppedWaiting) {
        Histogram h = LatencyStats.newHistogram();
        long missing = 0;
        for (Map.Entry<String, Long> e : declaredAt.entrySet()) {
            Long arrival = arrivals.get(e.getKey());
            if (arrival == null) {
                missing++;
                LatencyStats.record(h, stoppedWaiting - e.getValue());
            } else {
                LatencyStats.record(h, arrival - e.getValue());
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("declared", (long) declaredAt.size());
        m.put("missing", missing);
        m.put("latency", LatencyStats.of(h));
        return m;
    }
}
