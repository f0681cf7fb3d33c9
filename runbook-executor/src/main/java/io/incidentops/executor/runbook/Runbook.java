package io.incidentops.executor.runbook;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.MitigationAction;

import java.util.List;
import java.util.Map;

/**
 * A runbook as its YAML file states it. Steps are numbered from 1 in file order; a run copies them, so editing a
 * runbook (and bumping {@code version}) never changes a run already under way.
 *
 * @param priority lower is tried first when selecting (see {@link RunbookSelector})
 * @param fallback     the runbook used when no other one matches (exactly one)
 * @param alternatives the mitigations to try next, in order, each time recovery fails (the seed's step 6 -> 5 loop)
 * @param evidence     its runs keep every step's input and output in a hash-chained evidence log (security breach)
 */
public record Runbook(String name, String version, String title, String description, Integer priority,
                      Boolean fallback, List<MatchRule> matches, List<Step> steps, List<Alternative> alternatives,
                      Boolean evidence) {

    public static final String AUTOMATED = "automated";
    public static final String MANUAL = "manual";

    @JsonIgnore
    public boolean isFallback() {
        return Boolean.TRUE.equals(fallback);
    }

    public int order() {
        return priority == null ? Integer.MAX_VALUE : priority;
    }

    public boolean keepsEvidence() {
        return Boolean.TRUE.equals(evidence);
    }

    public List<Alternative> alternativeList() {
        return alternatives == null ? List.of() : alternatives;
    }

    public List<MatchRule> matchRules() {
        return matches == null ? List.of() : matches;
    }

    /**
     * A rule matches when the incident's type is one of {@code types} (if any), its text has one of {@code keywords}
     * (if any) and, with {@code dependency-down: true}, a third-party dependency of its service is down.
     */
    public record MatchRule(List<IncidentType> types, List<String> keywords,
                            @JsonProperty("dependency-down") Boolean dependencyDown) {
        public boolean needsDependencyDown() {
            return Boolean.TRUE.equals(dependencyDown);
        }

        public List<IncidentType> typeList() {
            return types == null ? List.of() : types;
        }

        public List<String> keywordList() {
            return keywords == null ? List.of() : keywords;
        }
    }

    /**
     * One step: {@code kind} automated (run by the executor through {@code action}) or manual (confirmed by a
     * responder). The other fields are the action's parameters ({@link StepAction} says which it takes); the loader
     * refuses any an action does not take.
     */
    public record Step(String title, String kind, String action, String query, Double threshold, String comparison,
                       Integer replicas, Double factor, String endpoint,
                       @JsonProperty("expect-status") Integer expectStatus, String call) {

        public Step(String title, String kind, String action) {
            this(title, kind, action, null, null, null, null, null, null, null, null);
        }

        @JsonIgnore
        public boolean automated() {
            return AUTOMATED.equals(kind);
        }

        /** The parameters alone, as a run copies them. */
        @JsonIgnore
        public StepParameters parameters() {
            return new StepParameters(query, threshold, comparison, replicas, factor, endpoint, expectStatus, call);
        }
    }

    /**
     * A mitigation to propose when the one before it did not hold: the action, its parameters (as a mitigation request
     * takes them) and why it is worth trying, which becomes the request's reason.
     */
    public record Alternative(MitigationAction action, Map<String, Object> parameters, String reason) {
    }
}
