package io.incidentops.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * (f) a storm: {@code --storm-alerts} distinct alerts over {@code --services} services, {@code --batch} per webhook
 * request, closed loop over {@code --connections} connections. Then: how many incidents it declared (intake's answers,
 * its API's incident total, and a read-only count in the {@code intake} schema), how many alert records were stored,
 * whether any accepted alert is missing, and intake's RSS.
 */
final class StormWorkload {

    /**
     * Read-only counts in intake's schema for this storm's services: one {@code grouped_alert} row per distinct alert
     * of an incident (V2 of intake's schema; before it, {@code incident_alert} held one row per delivery).
     */
    static final String INCIDENTS_SQL = "select count(*) from intake.incident where service like ?";
    static final String ALERTS_SQL = "select count(*), count(distinct a.dedup_key) from intake.grouped_alert a "
            + "join intake.incident i on i.id = a.incident_id where i.service like ?";

    private final Ctx ctx;

    /** Incidents, alert rows and distinct alerts of the run's services in intake's database. */
    private static long[] counts(Connection c, String servicePattern) throws java.sql.SQLException {
        long[] counts = new long[3];
        try (PreparedStatement ps = c.prepareStatement(INCIDENTS_SQL)) {
            ps.setString(1, servicePattern);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                counts[0] = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(ALERTS_SQL)) {
            ps.setString(1, servicePattern);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                counts[1] = rs.getLong(1);
                counts[2] = rs.getLong(2);
            }
        }
        return counts;
    }

    StormWorkload(Ctx ctx) {
        this.ctx = ctx;
    }

    void run() throws Exception {
        Options o = ctx.options;
        int perRequest = o.batch();
        long requests = (o.stormAlerts() + perRequest - 1) / perRequest;
        System.out.printf("%n[bench] (f) storm: %,d distinct alerts over %d services, %d per request, %d connections"
                + " (at most %d s)%n", o.stormAlerts(), o.services(), perRequest, o.connections(), o.stormMaxSeconds());
        ctx.settle("(f)");
        Alerts alerts = new Alerts(ctx.runTag, "f", o.services(), Instant.now());
        Optional<Long> totalBefore = ctx.incidentTotal();
        IntakeAnswers answers = new IntakeAnswers();
        HttpLoad.ShotMaker maker = seq -> {
            if (seq >= requests) {
                return null;
            }
            int n = (int) Math.min(perRequest, o.stormAlerts() - seq * perRequest);
            return ctx.webhook(alerts.webhook(alerts.alerts(seq * perRequest, n)), n);
        };
        ProcWatch watch = ctx.watchIntake();
        watch.start();
        HttpLoad.Result http = ctx.load.closedLoop("intake", maker, o.connections(), Duration.ZERO,
                Duration.ofSeconds(o.stormMaxSeconds()), true, answers);
        Map<String, Object> proc = watch.stop();
        Optional<Long> totalAfter = ctx.incidentTotal();

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("what", "storm of distinct alerts; counts read back from intake");
        result.put("alertsToSend", o.stormAlerts());
        result.put("services", o.services());
        result.put("servicePattern", alerts.serviceLikePattern());
        result.put("intake", http);
        result.put("intakeOutcomes", answers.summary());
        result.put("intakeProcess", proc);
        long accepted = http.alerts();
        long sent = http.requests() * perRequest; // close enough: only the last request may be shorter
        boolean complete = accepted == o.stormAlerts();
        result.put("alertsAccepted", accepted);
        totalBefore.ifPresent(b -> totalAfter.ifPresent(a -> result.put("incidentsDeclaredByApiTotal", a - b)));

        // alerts are answered once durable and applied after: count once the database holds every accepted alert,
        // or has not changed for ten seconds
        Long incidents = null;
        Long alertRows = null;
        Long distinctAlerts = null;
        long answeredAt = System.nanoTime();
        Double appliedAfter = null;
        try (Connection c = ctx.database()) {
            long[] counts = counts(c, alerts.serviceLikePattern());
            long changedAt = System.nanoTime();
            long deadline = answeredAt + Duration.ofSeconds(o.stormMaxSeconds()).toNanos();
            while (counts[2] < accepted && System.nanoTime() - changedAt < 10_000_000_000L
                    && System.nanoTime() < deadline) {
                Thread.sleep(250);
                long[] now = counts(c, alerts.serviceLikePattern());
                if (now[2] != counts[2]) changedAt = System.nanoTime();
                counts = now;
            }
            if (counts[2] >= accepted) appliedAfter = (System.nanoTime() - answeredAt) / 1e9;
            incidents = counts[0];
            alertRows = counts[1];
            distinctAlerts = counts[2];
            result.put("incidentsInDatabase", incidents);
            result.put("alertRowsInDatabase", alertRows);
            result.put("distinctAlertsInDatabase", distinctAlerts);
            result.put("allAppliedSecondsAfterLastAnswer", appliedAfter);
        } catch (Exception e) {
            result.put("databaseError", e.toString());
            ctx.report.note("(f) could not count in the database (" + e.getMessage() + "); see StormWorkload's SQL");
        }
        ctx.report.workload("f", result);

        Report r = ctx.report;
        String scope = complete ? "" : String.format(" (only %,d of %,d alerts accepted in %s s)", accepted,
                o.stormAlerts(), http.seconds());
        r.row("(f)", "alerts accepted, alerts/s", String.format("%,d, %s", accepted, Report.num(http.alertsPerSecond()))
                + scope, null, null, o.stormAlerts() + " accepted", Report.met(complete));
        r.row("(f)", "all accepted alerts applied, s after the last answer",
                appliedAfter == null ? "no (see the counts)" : String.format("%.1f", appliedAfter), null, null, null, null);
        r.row("(f)", "incidents declared (database)", incidents == null ? "?" : String.valueOf(incidents), null, null,
                "exactly " + o.services(),
                incidents == null ? null : Report.met(complete && incidents == o.services()));
        if (alertRows != null) {
            long lost = accepted - distinctAlerts;
            r.row("(f)", "alert records (rows / distinct alerts)", alertRows + " / " + distinctAlerts, null, null,
                    o.stormAlerts() + " alert records", Report.met(complete && distinctAlerts == o.stormAlerts()));
            r.row("(f)", "accepted alerts missing from the database", String.valueOf(Math.max(0, lost)), null, null,
                    "0 lost", Report.met(lost <= 0));
        }
        long notOk = http.requests() - http.ok();
        if (notOk > 0) {
            r.row("(f)", "requests not 2xx (incl. no answer)", notOk + " of " + http.requests() + " " + http.statuses()
                    + ", ~" + (sent - accepted) + " alerts", null, null, null, null);
            r.note("(f) first failure: " + http.firstError());
        }
        Object peak = proc.get("intakeRssPeakMb");
        if (peak != null) {
            r.row("(f)", "intake RSS peak / end MB", peak + " / " + proc.get("intakeRssEndMb"), null, null,
                    "< 600 MB", Report.met(((Number) peak).doubleValue() < 600));
        } else {
            r.skip("(f) intake RSS: intake's pid not found (INTAKE_PID in stack.env)");
        }
    }
}
