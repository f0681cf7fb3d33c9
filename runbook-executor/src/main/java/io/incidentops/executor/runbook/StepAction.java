package io.incidentops.executor.runbook;

import io.incidentops.events.model.MitigationAction;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an automated step can do, with the parameters each takes; a runbook naming any other action, or giving an action
 * a parameter it does not take, does not load. The mitigations (rollback, restart, scale, isolate) are requested
 * through the mitigation path: previewed, the approval rule applied, audited.
 */
public enum StepAction {
    /** GET the service's health URL, or one of its configured {@code endpoints}; 2xx (or {@code expect-status}) passes. */
    HTTP_CHECK("http-check", Set.of("endpoint", "expect-status"), null),
    /** The older name of an http-check of the health URL without parameters. */
    HTTP_HEALTH_CHECK("http-health-check", Set.of(), null),
    /** Deployments of the deployments topic in the look-back window before detection. */
    RECENT_DEPLOYMENTS("recent-deployments", Set.of(), null),
    /** The topic's deployments and the Kubernetes rollout revisions of the look-back window, newest first. */
    ROLLOUT_HISTORY("rollout-history", Set.of(), null),
    /** A PromQL query (or a named figure) read now, optionally compared with a threshold. */
    PROMETHEUS_QUERY("prometheus-query", Set.of("query", "threshold", "comparison"), null),
    /** The status pages of the service's configured third-party dependencies. */
    VENDOR_STATUS("vendor-status", Set.of(), null),
    /** A signed POST to a configured URL ({@code steps.calls."<call>".url}), as mitigation webhooks are signed. */
    SIGNED_HTTP_CALL("signed-http-call", Set.of("call"), null),
    ROLLBACK("rollback", Set.of(), MitigationAction.ROLLBACK),
    RESTART("restart", Set.of(), MitigationAction.RESTART),
    /** {@code replicas} or {@code factor}, exactly one. */
    SCALE("scale", Set.of("replicas", "factor"), MitigationAction.SCALE),
    /** Isolates the workload (a deny-all NetworkPolicy on Kubernetes): the mitigation BLOCK_TRAFFIC. */
    ISOLATE("isolate", Set.of(), MitigationAction.BLOCK_TRAFFIC);

    private final String id;
    private final Set<String> parameters;
    private final MitigationAction mitigation;

    StepAction(String id, Set<String> parameters, MitigationAction mitigation) {
        this.id = id;
        this.parameters = parameters;
        this.mitigation = mitigation;
    }

    public String id() {
        return id;
    }

    /** The parameters this action takes (YAML names). */
    public Set<String> parameters() {
        return parameters;
    }

    /** The mitigation a step of this action requests; empty for checks. */
    public Optional<MitigationAction> mitigation() {
        return Optional.ofNullable(mitigation);
    }

    public static Optional<StepAction> of(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst();
    }

    public static String ids() {
        return Arrays.stream(values()).map(StepAction::id).collect(Collectors.joining(", "));
    }
}
