package io.incidentops.executor.kubernetes;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.incidentops.events.model.MitigationAction;
import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.problem.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Rollback, rollout restart, scale and isolation of a configured workload, each first as a preview (nothing changed)
 * and then applied exactly as previewed. Blocking API calls: call them outside any transaction.
 */
@ApplicationScoped
public class WorkloadActions {

    /** The actions carried out on a configured workload (BLOCK_TRAFFIC isolates it); the others stay webhooks. */
    public static final Set<MitigationAction> ACTIONS = EnumSet.of(MitigationAction.ROLLBACK, MitigationAction.RESTART,
            MitigationAction.SCALE, MitigationAction.BLOCK_TRAFFIC);
    static final int MAX_REPLICAS = 1000;
    static final double MAX_FACTOR = 10;
    private static final String POD_TEMPLATE_HASH = "pod-template-hash";

    @Inject
    Workloads workloads;

    /** What an action would do. {@code beyondBounds}: a scale outside the configured min/max. */
    public record Change(WorkloadState before, WorkloadState after, String summary, boolean beyondBounds) {
    }

    /** What an action (or its undo) did: the state read before and after, and what undoing it needs. */
    public record Outcome(boolean success, String detail, WorkloadState before, WorkloadState after, String undo) {
    }

    /** A change and how to carry it out. */
    private record Plan(Change change, Runnable execute, String undo) {
    }

    /** The service's configured workload when the action is one carried out on it. */
    public Optional<Workload> target(String service, MitigationAction action) {
        return ACTIONS.contains(action) ? workloads.of(service) : Optional.empty();
    }

    public static boolean undoable(MitigationAction action) {
        return action != MitigationAction.RESTART && ACTIONS.contains(action);
    }

    /** The dry run: reads the workload and says what the action would change (409 when it cannot or would not). */
    public Change preview(Workload w, MitigationAction action, Map<String, Object> parameters, Instant plannedAt) {
        try {
            return plan(w, action, parameters, plannedAt).change();
        } catch (KubernetesClientException e) {
            throw new ConflictException("the workload cannot be read: " + describe(e));
        }
    }

    /**
     * Applies the action if the workload is still as {@code previewed} saw it (an approval may come much later);
     * otherwise changes nothing and fails.
     */
    public Outcome apply(Workload w, MitigationAction action, Map<String, Object> parameters, Instant plannedAt,
                         Change previewed) {
        try {
            Plan plan = plan(w, action, parameters, plannedAt);
            if (!plan.change().equals(previewed)) {
                return new Outcome(false, "the workload changed since the preview (" + plan.change().before()
                        + "): nothing applied, request the mitigation again", plan.change().before(), plan.change().before(), null);
            }
            plan.execute().run();
            return new Outcome(true, plan.change().summary(), plan.change().before(), state(w), plan.undo());
        } catch (ConflictException e) {
            return new Outcome(false, e.getMessage(), null, null, null);
        } catch (KubernetesClientException e) {
            return new Outcome(false, "Kubernetes API refused: " + describe(e), null, null, null);
        }
    }

    /** Scales back, removes the NetworkPolicy or rolls forward to the template the rollback replaced. */
    public Outcome undo(Workload w, MitigationAction action, WorkloadState appliedBefore, String undo) {
        try {
            WorkloadState before = state(w);
            String detail;
            switch (action) {
                case SCALE -> {
                    deployments(w).edit(d -> {
                        d.getSpec().setReplicas(appliedBefore.replicas());
                        return d;
                    });
                    detail = "scaled " + w.deployment() + " back to " + appliedBefore.replicas() + " replicas";
                }
                case BLOCK_TRAFFIC -> {
                    client().network().v1().networkPolicies().inNamespace(w.namespace()).withName(w.isolationPolicy()).delete();
                    detail = "removed NetworkPolicy " + w.isolationPolicy();
                }
                case ROLLBACK -> {
                    PodTemplateSpec forward = client().getKubernetesSerialization().unmarshal(undo, PodTemplateSpec.class);
                    deployments(w).edit(d -> {
                        d.getSpec().setTemplate(forward);
                        return d;
                    });
                    detail = "rolled " + w.deployment() + " forward to the template the rollback replaced";
                }
                default -> throw new ConflictException(action + " cannot be undone");
            }
            return new Outcome(true, detail, before, state(w), null);
        } catch (KubernetesClientException e) {
            return new Outcome(false, "Kubernetes API refused: " + describe(e), null, null, null);
        }
    }

    private Plan plan(Workload w, MitigationAction action, Map<String, Object> parameters, Instant plannedAt) {
        ScaleTo scaleTo = checkParameters(action, parameters);
        Deployment current = workloads.deployment(w).orElseThrow(() -> new ConflictException(
                "Deployment " + w.namespace() + "/" + w.deployment() + " does not exist"));
        NetworkPolicy policy = policy(w);
        WorkloadState before = WorkloadState.of(w, current, policy);
        int replicas = scaleTo == null ? 0 : scaleTo.from(before.replicas());
        Plan plan = switch (action) {
            case ROLLBACK -> rollback(w, current, policy);
            case RESTART -> onDeployment(w, current, policy, d -> {
                d.getSpec().getTemplate().getMetadata().getAnnotations().put(WorkloadState.RESTARTED_AT, plannedAt.toString());
                return d;
            }, "rollout restart of " + w.deployment(), false, null);
            case SCALE -> onDeployment(w, current, policy, d -> {
                d.getSpec().setReplicas(replicas);
                return d;
            }, "scaled " + w.deployment() + " from " + before.replicas() + " to " + replicas + " replicas",
                    replicas < w.minReplicas() || replicas > w.maxReplicas(), null);
            case BLOCK_TRAFFIC -> isolate(w, current, before);
            default -> throw new IllegalArgumentException(action + " is not a Kubernetes action");
        };
        if (plan.change().after().equals(before)) {
            throw new ConflictException("nothing to change: " + plan.change().summary() + " leaves " + before + " as it is");
        }
        return plan;
    }

    /** As {@code kubectl rollout undo}: the pod template of the previous revision's ReplicaSet back onto the Deployment. */
    private Plan rollback(Workload w, Deployment current, NetworkPolicy policy) {
        var revisions = workloads.revisions(w, current);
        long currentRevision = Workloads.revision(current) > 0 ? Workloads.revision(current)
                : revisions.stream().mapToLong(Workloads::revision).max().orElse(0);
        ReplicaSet previous = revisions.stream().filter(rs -> Workloads.revision(rs) < currentRevision)
                .reduce((a, b) -> b)
                .orElseThrow(() -> new ConflictException("Deployment " + w.deployment() + " has no revision before "
                        + currentRevision + " to roll back to"));
        String undo = client().getKubernetesSerialization().asJson(current.getSpec().getTemplate());
        String template = client().getKubernetesSerialization().asJson(previous.getSpec().getTemplate());
        return onDeployment(w, current, policy, d -> {
            PodTemplateSpec back = client().getKubernetesSerialization().unmarshal(template, PodTemplateSpec.class);
            if (back.getMetadata().getLabels() != null) back.getMetadata().getLabels().remove(POD_TEMPLATE_HASH);
            d.getSpec().setTemplate(back);
            return d;
        }, "rolled " + w.deployment() + " back from revision " + currentRevision + " to revision "
                + Workloads.revision(previous), false, undo);
    }

    /** A deny-all NetworkPolicy for the Deployment's pod labels: no traffic in or out. */
    private Plan isolate(Workload w, Deployment current, WorkloadState before) {
        Map<String, String> labels = current.getSpec().getSelector() == null ? null
                : current.getSpec().getSelector().getMatchLabels();
        if (labels == null || labels.isEmpty()) {
            // an empty podSelector would isolate every pod of the namespace
            throw new ConflictException("Deployment " + w.deployment() + " selects its pods by no label: not isolated");
        }
        NetworkPolicy policy = new NetworkPolicyBuilder()
                .withNewMetadata().withName(w.isolationPolicy()).withNamespace(w.namespace())
                .addToLabels("app.kubernetes.io/managed-by", "incidentops").endMetadata()
                .withNewSpec().withNewPodSelector().withMatchLabels(labels).endPodSelector()
                .withPolicyTypes("Ingress", "Egress").endSpec()
                .build();
        Change change = new Change(before, before.withPolicy(WorkloadState.IsolationPolicy.of(policy)),
                "isolated " + w.deployment() + " with NetworkPolicy " + w.isolationPolicy() + " (no ingress, no egress)", false);
        return new Plan(change, () -> client().network().v1().networkPolicies().inNamespace(w.namespace())
                .resource(policy).create(), null);
    }

    private Plan onDeployment(Workload w, Deployment current, NetworkPolicy policy, UnaryOperator<Deployment> edit,
                              String summary, boolean beyondBounds, String undo) {
        Deployment simulated = edit.apply(withAnnotations(client().getKubernetesSerialization().clone(current)));
        Change change = new Change(WorkloadState.of(w, current, policy), WorkloadState.of(w, simulated, policy),
                summary, beyondBounds);
        return new Plan(change, () -> deployments(w).edit(d -> edit.apply(withAnnotations(d))), undo);
    }

    /** The template's annotations as a mutable map, so that an edit can add one. */
    private static Deployment withAnnotations(Deployment d) {
        var template = d.getSpec().getTemplate();
        if (template.getMetadata() == null) template.setMetadata(new ObjectMeta());
        Map<String, String> annotations = template.getMetadata().getAnnotations();
        template.getMetadata().setAnnotations(annotations == null ? new HashMap<>() : new HashMap<>(annotations));
        return d;
    }

    /** What a SCALE asks for: a replica count, or the current one times a factor (rounded up, at most 1000). */
    private record ScaleTo(Integer replicas, Double factor) {
        int from(Integer current) {
            if (replicas != null) return replicas;
            return (int) Math.min(MAX_REPLICAS, Math.ceil((current == null ? 1 : current) * factor));
        }
    }

    /**
     * The workload comes from configuration only: the parameters accepted are SCALE's {@code replicas} (0–1000) or
     * {@code factor} (above 0, at most 10), exactly one of them.
     */
    private static ScaleTo checkParameters(MitigationAction action, Map<String, Object> parameters) {
        Map<String, Object> given = parameters == null ? Map.of() : parameters;
        for (String key : given.keySet()) {
            if (!(action == MitigationAction.SCALE && (key.equals("replicas") || key.equals("factor")))) {
                throw new InvalidInputException("parameters." + key, "not accepted for " + action
                        + " on Kubernetes: the workload is the service's configured Deployment");
            }
        }
        if (action != MitigationAction.SCALE) return null;
        Object value = given.get("replicas");
        Object factor = given.get("factor");
        if (value == null && factor != null) {
            if (!(factor instanceof Number n) || !(n.doubleValue() > 0 && n.doubleValue() <= MAX_FACTOR)) {
                throw new InvalidInputException("parameters.factor", "a number above 0, at most " + (int) MAX_FACTOR);
            }
            return new ScaleTo(null, ((Number) factor).doubleValue());
        }
        if (factor != null || !(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0
                || ((Number) value).longValue() > MAX_REPLICAS) {
            throw new InvalidInputException("parameters.replicas", "required: a whole number from 0 to " + MAX_REPLICAS
                    + " (or factor instead)");
        }
        return new ScaleTo(((Number) value).intValue(), null);
    }

    private WorkloadState state(Workload w) {
        Deployment d = workloads.deployment(w).orElseThrow(() -> new ConflictException(
                "Deployment " + w.namespace() + "/" + w.deployment() + " does not exist"));
        return WorkloadState.of(w, d, policy(w));
    }

    private NetworkPolicy policy(Workload w) {
        return client().network().v1().networkPolicies().inNamespace(w.namespace()).withName(w.isolationPolicy()).get();
    }

    private RollableScalableResource<Deployment> deployments(Workload w) {
        return client().apps().deployments().inNamespace(w.namespace()).withName(w.deployment());
    }

    private KubernetesClient client() {
        return workloads.client();
    }

    private static String describe(KubernetesClientException e) {
        return e.getCode() > 0 && e.getStatus() != null ? "HTTP " + e.getCode() + " " + e.getStatus().getMessage()
                : e.getMessage();
    }
}
