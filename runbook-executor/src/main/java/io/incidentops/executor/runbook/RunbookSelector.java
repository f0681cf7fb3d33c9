package io.incidentops.executor.runbook;

import io.incidentops.events.model.IncidentType;

import java.util.Comparator;
import java.util.List;

/**
 * Picks the runbook for an incident. Runbooks are tried by ascending {@code priority}; the first whose
 * {@code matches} has a rule that fits wins, else the fallback. With the bundled runbooks this gives:
 * <ol>
 *   <li>SECURITY_INCIDENT → security_breach (security wins over any symptom)</li>
 *   <li>a third-party dependency of the service is down, or THIRD_PARTY_FAILURE → third_party_outage (the cause is
 *   known then, whatever the symptom)</li>
 *   <li>SERVICE_OUTAGE → service_down</li>
 *   <li>text says database/db/postgres → database_issues</li>
 *   <li>text says memory/oom/leak → memory_leak</li>
 *   <li>PERFORMANCE_DEGRADATION saying error rate/errors/5xx, or DEPLOYMENT_RELATED → high_error_rate</li>
 *   <li>PERFORMANCE_DEGRADATION → high_latency</li>
 *   <li>anything else → generic</li>
 * </ol>
 */
public final class RunbookSelector {

    private final List<Runbook> byPriority;
    private final Runbook fallback;

    public RunbookSelector(List<Runbook> runbooks) {
        RunbookLoader.validateCatalogue(runbooks);
        this.byPriority = runbooks.stream().filter(r -> !r.isFallback())
                .sorted(Comparator.comparingInt(Runbook::order).thenComparing(Runbook::name)).toList();
        this.fallback = runbooks.stream().filter(Runbook::isFallback).findFirst().orElseThrow();
    }

    /** With no dependency known to be down. */
    public Runbook select(IncidentType type, String text) {
        return select(type, text, false);
    }

    /**
     * @param text title, description and label values of the incident
     * @param dependencyDown a third-party dependency of the incident's service is down
     */
    public Runbook select(IncidentType type, String text, boolean dependencyDown) {
        TextMatcher matcher = new TextMatcher(text);
        for (Runbook runbook : byPriority) {
            for (Runbook.MatchRule rule : runbook.matchRules()) {
                boolean typeFits = rule.typeList().isEmpty() || (type != null && rule.typeList().contains(type));
                boolean textFits = rule.keywordList().isEmpty() || rule.keywordList().stream().anyMatch(matcher::contains);
                boolean dependencyFits = !rule.needsDependencyDown() || dependencyDown;
                if (typeFits && textFits && dependencyFits) return runbook;
            }
        }
        return fallback;
    }
}
