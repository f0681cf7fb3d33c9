package io.incidentops.executor.runbook;

import io.incidentops.executor.metrics.Figure;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parameters of one automated step against what its action takes; each problem names the step and the field. */
final class StepValidation {

    static final Set<String> PLACEHOLDERS = Set.of("service", "app", "pod", "window");
    static final Set<String> COMPARISONS = Set.of("<", "<=", ">", ">=");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_-]*)}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final int MAX_QUERY = 4000;
    private static final int MAX_REPLICAS = 1000;
    private static final double MAX_FACTOR = 10;

    private StepValidation() {
    }

    static void check(String at, StepAction action, StepParameters p, List<String> errors) {
        for (String given : p.given().keySet()) {
            if (!action.parameters().contains(given)) {
                errors.add(at + "." + given + ": not a parameter of " + action.id()
                        + (action.parameters().isEmpty() ? " (it takes none)" : " (it takes " + String.join(", ", action.parameters().stream().sorted().toList()) + ")"));
            }
        }
        switch (action) {
            case PROMETHEUS_QUERY -> query(at, p, errors);
            case SCALE -> scale(at, p, errors);
            case HTTP_CHECK -> {
                if (p.endpoint() != null && !NAME.matcher(p.endpoint()).matches()) {
                    errors.add(at + ".endpoint must match " + NAME.pattern());
                }
                if (p.expectStatus() != null && (p.expectStatus() < 100 || p.expectStatus() > 599)) {
                    errors.add(at + ".expect-status must be an HTTP status (100-599)");
                }
            }
            case SIGNED_HTTP_CALL -> {
                if (p.call() == null || !NAME.matcher(p.call()).matches()) {
                    errors.add(at + ".call is required: the name of a configured call (steps.calls.\"<name>\".url)");
                }
            }
            default -> {
            }
        }
    }

    private static void query(String at, StepParameters p, List<String> errors) {
        String query = p.query();
        if (query == null || query.isBlank()) {
            errors.add(at + ".query is required: a figure name (" + String.join(", ", figureNames())
                    + ") or a PromQL template");
        } else if (query.length() > MAX_QUERY) {
            errors.add(at + ".query is longer than " + MAX_QUERY + " characters");
        } else if (Figure.of(query.trim()).isEmpty()) {
            Matcher m = PLACEHOLDER.matcher(query);
            while (m.find()) {
                if (!PLACEHOLDERS.contains(m.group(1))) {
                    errors.add(at + ".query: unknown placeholder {" + m.group(1) + "}, use {service}, {app}, {pod} or {window}");
                }
            }
        }
        if (p.threshold() != null && !Double.isFinite(p.threshold())) errors.add(at + ".threshold must be a finite number");
        if (p.comparison() != null) {
            if (!COMPARISONS.contains(p.comparison())) errors.add(at + ".comparison must be one of <, <=, >, >=");
            if (p.threshold() == null) errors.add(at + ".comparison needs a threshold");
        }
    }

    private static void scale(String at, StepParameters p, List<String> errors) {
        if ((p.replicas() == null) == (p.factor() == null)) {
            errors.add(at + ": scale needs exactly one of replicas, factor");
        }
        if (p.replicas() != null && (p.replicas() < 0 || p.replicas() > MAX_REPLICAS)) {
            errors.add(at + ".replicas must be from 0 to " + MAX_REPLICAS);
        }
        if (p.factor() != null && !(p.factor() > 0 && p.factor() <= MAX_FACTOR)) {
            errors.add(at + ".factor must be above 0 and at most " + (int) MAX_FACTOR);
        }
    }

    private static List<String> figureNames() {
        return Arrays.stream(Figure.values()).map(Figure::key).toList();
    }
}
