package io.incidentops.executor.diagnostics;

import io.incidentops.executor.metrics.MetricsSnapshot;
import io.incidentops.executor.metrics.MetricsText;
import io.incidentops.executor.metrics.Reading;
import io.incidentops.executor.vendor.VendorStatus;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What counts as a change between two collections: the health status, each dependency's state, the likely cause,
 * and each figure's state and peak (now, for saturation) to two significant digits, so that a figure drifting by a
 * few per mille does not count while an error rate going from 5 % to 30 % does.
 */
final class DiagnosticsChange {

    private static final MathContext TWO_DIGITS = new MathContext(2);

    private DiagnosticsChange() {
    }

    static Map<String, String> fingerprint(DiagnosticsService.Findings findings) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("health", findings.health().status().name());
        for (VendorStatus vendor : findings.vendors()) f.put("dependency " + vendor.dependency(), vendor.state().name());
        for (MetricsSnapshot.FigureReading figure : findings.metrics().figures()) {
            boolean compared = figure.dayBefore() != null;
            Reading now = figure.now();
            String value = now.ok() ? MetricsText.format(figure.unit(), rounded(compared ? now.peak() : now.last())) : now.state();
            f.put(figure.label() + (compared ? " peak" : ""), value);
        }
        f.put("likely cause", findings.likelyCause());
        return f;
    }

    /** "error rate peak: 5.0 % → 30 %; dependency payments: DOWN → UP"; null when nothing changed. */
    static String diff(Map<String, String> before, Map<String, String> after) {
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(after.keySet());
        String text = keys.stream().filter(k -> !Objects.equals(before.get(k), after.get(k)))
                .map(k -> k + ": " + Objects.requireNonNullElse(before.get(k), "none") + " → "
                        + Objects.requireNonNullElse(after.get(k), "none"))
                .collect(Collectors.joining("; "));
        return text.isEmpty() ? null : text;
    }

    private static double rounded(double v) {
        return Double.isFinite(v) && v != 0 ? new BigDecimal(v).round(TWO_DIGITS).doubleValue() : v;
    }
}
