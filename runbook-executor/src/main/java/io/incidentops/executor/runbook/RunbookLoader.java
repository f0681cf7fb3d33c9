package io.incidentops.executor.runbook;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and validates runbook YAML. Any problem is an {@link InvalidRunbookException}: the service must not start with it. */
public final class RunbookLoader {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    // unknown keys are typos (e.g. "step:"), not extensions: refuse them
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private RunbookLoader() {
    }

    public static Runbook parse(String origin, InputStream in) {
        try {
            Runbook runbook = YAML.readValue(in, Runbook.class);
            if (runbook == null) throw new InvalidRunbookException(origin + ": empty file");
            validate(origin, runbook);
            return runbook;
        } catch (JsonMappingException e) {
            // where in the file, then what: "steps[2].threshold: Cannot deserialize value of type `java.lang.Double` ..."
            throw new InvalidRunbookException(origin + ": not a valid runbook: " + path(e) + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidRunbookException(origin + ": not a valid runbook: " + e.getMessage(), e);
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "" : sb + ": ";
    }

    public static Runbook parse(String origin, String yaml) {
        return parse(origin, new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Checks one runbook on its own. */
    static void validate(String origin, Runbook r) {
        List<String> errors = new ArrayList<>();
        if (r.name() == null || !NAME.matcher(r.name()).matches()) errors.add("name must match " + NAME.pattern());
        if (blank(r.version())) errors.add("version is required");
        if (blank(r.title())) errors.add("title is required");
        if (r.steps() == null || r.steps().isEmpty()) {
            errors.add("steps must not be empty");
        } else {
            for (int i = 0; i < r.steps().size(); i++) {
                Runbook.Step s = r.steps().get(i);
                String at = "steps[" + i + "]";
                if (s == null) {
                    errors.add(at + " is empty");
                    continue;
                }
                if (blank(s.title())) errors.add(at + ".title is required");
                if (Runbook.AUTOMATED.equals(s.kind())) {
                    StepAction action = StepAction.of(s.action()).orElse(null);
                    if (action == null) {
                        errors.add(at + ".action '" + s.action() + "' is not one of " + StepAction.ids());
                    } else {
                        StepValidation.check(at, action, s.parameters(), errors);
                    }
                } else if (Runbook.MANUAL.equals(s.kind())) {
                    if (s.action() != null) errors.add(at + ": a manual step has no action");
                    if (!s.parameters().given().isEmpty()) {
                        errors.add(at + ": a manual step has no parameters (" + String.join(", ", s.parameters().given().keySet()) + ")");
                    }
                } else {
                    errors.add(at + ".kind must be automated or manual, not '" + s.kind() + "'");
                }
            }
        }
        List<Runbook.Alternative> alternatives = r.alternativeList();
        for (int i = 0; i < alternatives.size(); i++) {
            Runbook.Alternative a = alternatives.get(i);
            String at = "alternatives[" + i + "]";
            if (a == null || a.action() == null) {
                errors.add(at + ".action is required (one of the mitigation actions)");
            } else if (blank(a.reason()) || a.reason().length() > 2000) {
                errors.add(at + ".reason is required (up to 2000 characters)");
            } else if (a.parameters() != null && a.parameters().size() > 50) {
                errors.add(at + ".parameters: at most 50");
            }
        }
        for (Runbook.MatchRule rule : r.matchRules()) {
            if (rule == null || (rule.typeList().isEmpty() && rule.keywordList().isEmpty() && !rule.needsDependencyDown())) {
                errors.add("a matches rule needs types, keywords and/or dependency-down: true");
            } else if (rule.keywordList().stream().anyMatch(k -> TextMatcher.normalize(k).isBlank())) {
                errors.add("a keyword must have letters or digits");
            }
        }
        if (!r.isFallback() && r.matchRules().isEmpty()) errors.add("matches is required unless fallback: true");
        if (!errors.isEmpty()) throw new InvalidRunbookException(origin + ": " + String.join("; ", errors));
    }

    /** Checks the catalogue as a whole: unique names, exactly one fallback. */
    public static void validateCatalogue(List<Runbook> runbooks) {
        Set<String> names = new HashSet<>();
        for (Runbook r : runbooks) {
            if (!names.add(r.name())) throw new InvalidRunbookException("runbook name '" + r.name() + "' is used twice");
        }
        long fallbacks = runbooks.stream().filter(Runbook::isFallback).count();
        if (fallbacks != 1) {
            throw new InvalidRunbookException("exactly one runbook must be the fallback, found " + fallbacks);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
