package io.incidentops.bench;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * (a), (b), (c): the Alertmanager webhook v4 route of intake, closed loop over {@code --connections} connections for
 * {@code --seconds} after a warm-up; the same alerts to Alertmanager's own API first when it runs beside. Both sides on
 * the same load generator: wrk ({@link WrkLoad}) when given one, else the Java one ({@link HttpLoad}).
 *
 * <ul>
 *   <li>(a) one distinct alert per request, spread over {@code --services} services;</li>
 *   <li>(b) {@code --batch} distinct alerts per request;</li>
 *   <li>(c) the same {@code --dedup-alerts} alerts re-sent over and over (the dedup path; they are declared once
 *       before the measurement).</li>
 * </ul>
 */
final class WebhookWorkloads {

    /** The {@code source} tag intake's alert counter gives the webhook route. */
    static final String AM_SOURCE = "alertmanager";

    private static final Map<String, String> JSON_BODY = Map.of("Content-Type", "application/json");

    private final Ctx ctx;
    private final AlertmanagerPeer alertmanager;
    private final WrkLoad wrk;

    /** @param wrk null: the Java load generator */
    WebhookWorkloads(Ctx ctx, AlertmanagerPeer alertmanager, WrkLoad wrk) {
        this.ctx = ctx;
        this.alertmanager = alertmanager;
        this.wrk = wrk;
    }

    /** {@code pool} > 0: the same {@code pool} alerts, one per request, over and over. */
    private record Shape(String title, int perRequest, int pool) {
        boolean repeats() {
            return pool > 0;
        }
    }

    void run(char w) throws Exception {
        Options o = ctx.options;
        Shape shape = switch (w) {
            case 'a' -> new Shape("webhook, 1 distinct alert per request", 1, 0);
            case 'b' -> new Shape("webhook, " + o.batch() + " distinct alerts per request", o.batch(), 0);
            case 'c' -> new Shape("webhook, the same " + o.dedupAlerts() + " alerts re-sent (dedup path)", 1,
                    o.dedupAlerts());
            default -> throw new IllegalArgumentException(String.valueOf(w));
        };
        System.out.printf("%n[bench] (%s) %s, %d connections, %d s%n", w, shape.title(), o.connections(), o.seconds());
        Alerts alerts = new Alerts(ctx.runTag, String.valueOf(w), o.services(), Instant.now());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("what", shape.title());
        result.put("services", o.services());
        result.put("alertsPerRequest", shape.perRequest());

        if (shape.repeats()) {
            // declare them first, so that what is measured is the repeat of an open incident's alert
            IntakeAnswers first = new IntakeAnswers();
            for (int i = 0; i < o.dedupAlerts(); i++) {
                HttpResponse<String> r = ctx.http.send(ctx.webhookApplied(alerts.webhook(alerts.alerts(i, 1))),
                        HttpResponse.BodyHandlers.ofString());
                first.accept(i, r.statusCode(), r.body(), 0, 0);
            }
            result.put("beforeMeasuring", first.summary());
        }

        HttpLoad.Result am = null;
        if (alertmanager != null) {
            ctx.settle("(" + w + ") Alertmanager");
            am = closedLoop(w, "alertmanager", shape, alerts, alertmanager.alertsUri(), JSON_BODY,
                    Alerts.Body.ALERTMANAGER_API, null);
            result.put("alertmanager", am);
            alertmanager.alertCount().ifPresent(n -> result.put("alertmanagerHoldsAlerts", n));
        }

        ctx.settle("(" + w + ") intake");
        IntakeAnswers answers = wrk == null ? new IntakeAnswers() : null;
        ProcWatch watch = ctx.watchIntake();
        Optional<Map<String, Long>> outcomesBefore = ctx.alertOutcomes(AM_SOURCE);
        long t0 = System.nanoTime();
        watch.start();
        HttpLoad.Result ours = closedLoop(w, "intake", shape, alerts, ctx.webhookUri(), ctx.webhookHeaders(),
                Alerts.Body.WEBHOOK, answers);
        Map<String, Object> proc = watch.stop();
        long t1 = System.nanoTime();
        result.put("intake", ours);
        Map<String, Long> outcomes = delta(outcomesBefore, ctx.alertOutcomes(AM_SOURCE));
        Long processed = outcomes == null ? null : outcomes.values().stream().mapToLong(Long::longValue).sum();
        if (processed != null) {
            // every alert intake processed in the whole run (warm-up and late answers too), by its own counter
            result.put("intakeAlertsCounted", processed);
            result.put("intakeAlertsCountedPerSecond", HttpLoad.round(processed / ((t1 - t0) / 1e9), 1));
            result.put("intakeOutcomesCounted", outcomes);
        }
        if (answers != null) {
            result.put("intakeOutcomes", answers.summary());
        }
        Optional<Long> incidents = ctx.incidentsInDatabase(alerts.serviceLikePattern());
        incidents.ifPresent(n -> result.put("incidentsInDatabase", n));
        result.put("intakeProcess", proc);
        ctx.report.workload(String.valueOf(w), result);

        String label = "(" + w + ")";
        Report r = ctx.report;
        String amRps = am == null ? null : Report.num(am.requestsPerSecond());
        if (w == 'b') {
            r.row(label, "alerts/s (" + shape.perRequest() + " per request)", Report.num(ours.alertsPerSecond()),
                    am == null ? null : Report.num(am.alertsPerSecond()),
                    am == null ? null : Report.ratio(ours.alertsPerSecond(), am.alertsPerSecond()),
                    ">= 1.0x Alertmanager's alerts/s",
                    am == null ? null : Report.met(ours.alertsPerSecond() >= am.alertsPerSecond()));
            r.row(label, "req/s", Report.num(ours.requestsPerSecond()), amRps,
                    am == null ? null : Report.ratio(ours.requestsPerSecond(), am.requestsPerSecond()), null, null);
        } else {
            r.row(label, "req/s (" + (w == 'a' ? "distinct alerts" : "repeats") + ")",
                    Report.num(ours.requestsPerSecond()), amRps,
                    am == null ? null : Report.ratio(ours.requestsPerSecond(), am.requestsPerSecond()),
                    ">= 1.0x Alertmanager's req/s",
                    am == null ? null : Report.met(ours.requestsPerSecond() >= am.requestsPerSecond()));
        }
        r.row(label, "latency p50 / p99 ms",
                Report.ms(ours.latency().p50Ms()) + " / " + Report.ms(ours.latency().p99Ms()),
                am == null ? null : Report.ms(am.latency().p50Ms()) + " / " + Report.ms(am.latency().p99Ms()),
                null, null, null);
        long notOk = ours.requests() - ours.ok();
        if (notOk > 0) {
            r.row(label, "answers not 2xx (incl. no answer)", notOk + " of " + ours.requests() + " " + ours.statuses(),
                    am == null ? null : String.valueOf(am.requests() - am.ok()), null, "none", null);
            r.note("(" + w + ") first failure: " + ours.firstError());
        }
        if (ours.requests() == 0 && processed != null) {
            r.row(label, "no answer inside the window; alerts/s by intake's counter", Report.num(
                    (Double) result.get("intakeAlertsCountedPerSecond")), null, null, null, null);
        }
        if (!shape.repeats() && processed != null && processed > 0) {
            long declared = outcomes.getOrDefault("declared", 0L);
            r.row(label, "incidents declared per alert (intake's counter)", String.format("%.4f (%d for %,d alerts; "
                    + "%s incidents of these services in the database)", declared / (double) processed, declared,
                    processed, incidents.map(String::valueOf).orElse("?")), null, null, null, null);
        }
        if (proc.containsKey("intakeCpuPercentOfOneCore")) {
            r.row(label, "intake CPU (% of one core), machine busy %", proc.get("intakeCpuPercentOfOneCore") + " / "
                    + proc.get("machineCpuBusyPercent"), null, null, null, null);
        }
    }

    /**
     * One side's closed loop: on wrk with bodies built from {@code body}'s template, or on the Java generator;
     * {@code sink} sees the Java generator's answers (wrk keeps none).
     */
    private HttpLoad.Result closedLoop(char w, String target, Shape shape, Alerts alerts, URI uri,
            Map<String, String> headers, Alerts.Body body, HttpLoad.AnswerSink sink) throws Exception {
        Options o = ctx.options;
        if (wrk != null) {
            return wrk.closedLoop(w + "-" + target, target, uri, headers, shape.pool(),
                    alerts.template(body, shape.perRequest()), o.connections(), ctx.warmup(), ctx.seconds());
        }
        HttpLoad.ShotMaker maker = seq -> {
            List<Alerts.Alert> batch = batch(alerts, shape, seq);
            return RawHttp.Request.post(uri, headers, alerts.write(body, batch), batch.size());
        };
        return ctx.load.closedLoop(target, maker, o.connections(), ctx.warmup(), ctx.seconds(), false, sink);
    }

    /**
     * after - before, per outcome; null when intake had no counter after. None before is zero: intake registers the
     * counter with its first alert (on a fresh stack, in the first workload).
     */
    private static Map<String, Long> delta(Optional<Map<String, Long>> before, Optional<Map<String, Long>> after) {
        if (after.isEmpty()) {
            return null;
        }
        Map<String, Long> d = new TreeMap<>();
        after.get().forEach((k, v) -> d.put(k, v - before.orElse(Map.of()).getOrDefault(k, 0L)));
        return d;
    }

    private static List<Alerts.Alert> batch(Alerts alerts, Shape shape, long seq) {
        if (shape.repeats()) {
            return alerts.alerts(seq % shape.pool(), 1);
        }
        return alerts.alerts(seq * shape.perRequest(), shape.perRequest());
    }
}
