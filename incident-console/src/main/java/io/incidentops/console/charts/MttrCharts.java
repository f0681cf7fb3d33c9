package io.incidentops.console.charts;

import io.incidentops.console.services.ReporterViews.Aggregate;
import io.incidentops.console.services.ReporterViews.Stat;
import io.incidentops.console.services.ReporterViews.Week;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The metrics page's charts from the reporter's weekly figures: mean time to resolve (start to full recovery, the
 * {@code total} phase) and the share of incidents that met their SLA, per week, overall, by severity and by type.
 */
public final class MttrCharts {

    private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("MMM d").withZone(ZoneOffset.UTC);
    private static final String TOTAL = "total";

    private MttrCharts() {
    }

    /** One group of charts: a heading and its charts (overall, a severity, a type). */
    public record Group(String id, String heading, BarChart mttr, BarChart sla) {
    }

    public static List<Group> of(List<Week> weeks) {
        List<Group> groups = new ArrayList<>();
        groups.add(group("all", "All incidents", weeks, Week::overall));
        for (String severity : keys(weeks, Aggregate::bySeverity)) {
            groups.add(group("severity-" + severity, "Severity " + severity, weeks,
                    w -> part(w.overall(), Aggregate::bySeverity, severity)));
        }
        for (String type : keys(weeks, Aggregate::byType)) {
            groups.add(group("type-" + type, "Type " + type, weeks, w -> part(w.overall(), Aggregate::byType, type)));
        }
        return groups;
    }

    private static Group group(String id, String heading, List<Week> weeks, Function<Week, Aggregate> pick) {
        List<BarChart.Point> mttr = new ArrayList<>();
        List<BarChart.Point> sla = new ArrayList<>();
        for (Week week : weeks) {
            String label = week.since() == null ? "?" : WEEK.format(week.since());
            Aggregate a = pick.apply(week);
            Double minutes = meanMinutes(a);
            mttr.add(new BarChart.Point(label, minutes,
                    minutes == null ? "no resolved incident" : BarChart.format(minutes) + " min mean, "
                            + a.count() + " incident(s)", false));
            Double met = a == null || a.slaMetRatio() == null ? null : a.slaMetRatio() * 100;
            sla.add(new BarChart.Point(label, met, met == null ? "no data" : BarChart.format(met) + "% met SLA",
                    met != null && met < 100));
        }
        return new Group(id, heading,
                BarChart.of("mttr-" + id, heading + ": mean time to resolve per week", "min", mttr, 0),
                BarChart.of("sla-" + id, heading + ": SLA met per week", "%", sla, 100));
    }

    private static Double meanMinutes(Aggregate a) {
        if (a == null || a.count() == 0 || a.phases() == null) return null;
        Stat total = a.phases().get(TOTAL);
        if (total == null || total.mean() == null) return null;
        return total.mean().seconds() / 60.0;
    }

    private static Aggregate part(Aggregate overall, Function<Aggregate, Map<String, Aggregate>> by, String key) {
        if (overall == null || by.apply(overall) == null) return null;
        return by.apply(overall).get(key);
    }

    private static TreeSet<String> keys(List<Week> weeks, Function<Aggregate, Map<String, Aggregate>> by) {
        TreeSet<String> keys = new TreeSet<>();
        for (Week w : weeks) {
            if (w.overall() != null && by.apply(w.overall()) != null) keys.addAll(by.apply(w.overall()).keySet());
        }
        return keys;
    }
}
