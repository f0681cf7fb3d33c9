package io.incidentops.executor.mitigation;

import io.incidentops.events.model.MitigationAction;
import io.incidentops.executor.kubernetes.WorkloadActions;

/**
 * The dry run of a request: who would carry it out, whether a commander must approve it, and for a Kubernetes action
 * the workload before and after ({@code change}; null for a webhook, whose effect the executor cannot see).
 */
public record MitigationPreview(MitigationAction action, String target, Mitigation.Executor executor,
                                boolean approvalRequired, WorkloadActions.Change change) {
}
