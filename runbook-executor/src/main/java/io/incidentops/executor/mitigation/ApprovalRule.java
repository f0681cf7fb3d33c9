package io.incidentops.executor.mitigation;

import io.incidentops.events.model.MitigationAction;
import io.incidentops.events.model.Severity;
import io.incidentops.executor.config.ExecutorConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which mitigations are applied at once and which wait for a commander
 * ({@code POST /api/incidents/{id}/mitigations/{mid}/approve}). Per action, the severities applied automatically
 * ({@code mitigations.approval."<ACTION>"}: {@code P0,P1}, {@code always}, {@code never}). Defaults: rollback and
 * restart automatic for P0/P1; failover and isolation (BLOCK_TRAFFIC) never; the rest always. A scale beyond the
 * workload's configured bounds always waits.
 */
@Startup // a malformed rule must stop the start, not the first mitigation
@ApplicationScoped
public class ApprovalRule {

    private static final Set<Severity> ALL = EnumSet.allOf(Severity.class);

    @Inject
    ExecutorConfig config;

    private Map<MitigationAction, Set<Severity>> automatic;

    @PostConstruct
    void init() {
        automatic = rules(config.mitigations().approval());
    }

    /** Whether a commander must approve; an unknown severity never passes a rule that names severities. */
    public boolean needsApproval(MitigationAction action, Severity severity, boolean beyondBounds) {
        return why(action, severity, beyondBounds).isPresent();
    }

    /** Why a commander must approve, in words for that commander; empty when the action is applied at once. */
    public Optional<String> why(MitigationAction action, Severity severity, boolean beyondBounds) {
        return why(automatic, action, severity, beyondBounds);
    }

    static boolean needsApproval(Map<MitigationAction, Set<Severity>> automatic, MitigationAction action,
                                 Severity severity, boolean beyondBounds) {
        return why(automatic, action, severity, beyondBounds).isPresent();
    }

    static Optional<String> why(Map<MitigationAction, Set<Severity>> automatic, MitigationAction action,
                                Severity severity, boolean beyondBounds) {
        if (beyondBounds) return Optional.of("a scale beyond the workload's configured replica bounds always needs a "
                + "commander's approval");
        Set<Severity> allowed = automatic.get(action);
        if (allowed.equals(ALL) || severity != null && allowed.contains(severity)) return Optional.empty();
        if (allowed.isEmpty()) return Optional.of(action + " always needs a commander's approval");
        return Optional.of(action + " is applied without approval only for " + names(allowed) + "; the incident is "
                + (severity == null ? "of unknown severity" : severity.name()));
    }

    private static String names(Set<Severity> severities) {
        return severities.stream().map(Severity::name).collect(Collectors.joining(", "));
    }

    /** Per action, the severities applied automatically: the defaults, then the configured ones over them. */
    static Map<MitigationAction, Set<Severity>> rules(Map<String, String> configured) {
        Map<MitigationAction, Set<Severity>> rules = new EnumMap<>(MitigationAction.class);
        for (MitigationAction action : MitigationAction.values()) rules.put(action, ALL);
        rules.put(MitigationAction.ROLLBACK, EnumSet.of(Severity.P0, Severity.P1));
        rules.put(MitigationAction.RESTART, EnumSet.of(Severity.P0, Severity.P1));
        rules.put(MitigationAction.FAILOVER, EnumSet.noneOf(Severity.class));
        rules.put(MitigationAction.BLOCK_TRAFFIC, EnumSet.noneOf(Severity.class));
        configured.forEach((name, value) -> rules.put(action(name), severities(name, value)));
        return rules;
    }

    private static MitigationAction action(String name) {
        try {
            return MitigationAction.valueOf(name.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("incidentops.executor.mitigations.approval: unknown action '" + name
                    + "', expected one of " + Arrays.toString(MitigationAction.values()));
        }
    }

    private static Set<Severity> severities(String action, String value) {
        String v = value.trim().toLowerCase();
        if (v.equals("always")) return ALL;
        if (v.equals("never")) return EnumSet.noneOf(Severity.class);
        Set<Severity> set = EnumSet.noneOf(Severity.class);
        for (String part : v.split(",")) {
            try {
                set.add(Severity.parse(part.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("incidentops.executor.mitigations.approval.\"" + action + "\": "
                        + e.getMessage() + ", or always / never");
            }
        }
        return set;
    }
}
