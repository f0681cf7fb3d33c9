package io.incidentops.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * (a), (b), (c): the Alertmanager webhook v4 route of intake, closed loop over {@code --connections} connections for
 * {@code --seconds} after a warm-up; the same alerts to Alertmanager's own API first when it runs beside.
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

    private final Ctx ctx;
    private final AlertmanagerPeer alertmanager;

    WebhookWorkloads(Ctx ctx, AlertmanagerPeer alertmanager) {
        this.ctx = ctx;
        this.alertmanager = alertmanager;
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
                HttpResponse<String> r = ctx.http.send(ctx.webhook(alerts.webhook(alerts.alerts(i, 1))),
                        HttpResponse.BodyHandlers.ofString());
                first.accept(i, r.statusCode(), r.body(), 0, 0);
            }
            result.put("beforeMeasuring", first.summary());
        }

        HttpLoad.ShotMaker toIntake = seq -> {
            List<Alerts.Alert> batch = batch(alerts, shape, seq);
            return new HttpLoad.Shot(ctx.webhook(alerts.webhook(batch)), batch.size());
        };

        HttpLoad.Result am = null;
        if (alertmanager != null) {
            ctx.settle("(" + w + ") Alertmanager");
            HttpLoad.ShotMaker toAm = seq -> {
                List<Alerts.Alert> batch = batch(alerts, shape, seq);
                return new HttpLoad.Shot(HttpRequest.newBuilder(alertmanager.alertsUri()).timeout(HttpLoad.TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(alerts.alertmanagerApi(batch))).build(),
                        batch.size());
            };
            am = ctx.load.closedLoop("alertmanager", toAm, o.connections(), ctx.warmup(), ctx.seconds(), false,
                    null);
            result.put("alertmanager", am);
            alertmanager.alertCount().ifPresent(n -> result.put("alertmanagerHoldsAlerts", n));
        }

        ctx.settle("(" + w + ") intake");
        IntakeAnswers answers = new IntakeAnswers();
        ProcWatch watch = ctx.watchIntake();
        Optional<Long> counted = ctx.alertsCounted(AM_SOURCE);
        long t0 = System.nanoTime();
        watch.start();
        HttpLoad.Result ours = ctx.load.closedLoop("intake", toIntake, o.connections(), ctx.warmup(), ctx.seconds(),
                false, answers);
        Map<String, Object> proc = watch.stop();
        long t1 = System.nanoTime();
        result.put("intake", ours);
        Optional<Long> countedAfter = ctx.alertsCounted(AM_SOURCE);
        Long processed = counted.isPresent() && countedAfter.isPresent() ? countedAfter.get() - counted.get() : null;
        if (processed != null) {
            // every alert intake processed in the whole run (warm-up and late answers too), by its own counter
            result.put("intakeAlertsCounted", processed);
            result.put("intakeAlertsCountedPerSecond", HttpLoad.round(processed / ((t1 - t0) / 1e9), 1));
        }
        result.put("intakeOutcomes", answers.summary());
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
        if (!shape.repeats() && ours.alerts() > 0) {
            r.row(label, "incidents declared per alert", String.format("%.3f", answers.count("declared")
                    / (double) ours.alerts()), null, null, null, null);
        }
        if (proc.containsKey("intakeCpuPercentOfOneCore")) {
            r.row(label, "intake CPU (% of one core), machine busy %", proc.get("intakeCpuPercentOfOneCore") + " / "
                    + proc.get("machineCpuBusyPercent"), null, null, null, null);
        }
    }

    private static List<Alerts.Alert> batch(Alerts alerts, Shape shape, long seq) {
        if (shape.repeats()) {
            return alerts.alerts(seq % shape.pool(), 1);
        }
        return alerts.alerts(seq * shape.perRequest(), shape.perRequest());
    }
}
