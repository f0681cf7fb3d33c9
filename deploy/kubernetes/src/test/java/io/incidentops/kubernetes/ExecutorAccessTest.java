package io.incidentops.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

/**
 * The executor's access to the Kubernetes API (its mitigations and rollout history): its own ServiceAccount with a
 * token, no other service with one, and a least-privilege Role granted per target namespace (executor-targets/).
 */
class ExecutorAccessTest {
    private static final String EXECUTOR = "runbook-executor";

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void onlyTheExecutorRunsWithAnAccountTokenAndItsAccountExists(Overlay overlay) {
        for (ServiceModule s : ServiceModule.all()) {
            PodSpec pod = Workloads.deployment(overlay.manifests(), s).getSpec().getTemplate().getSpec();
            if (s.module().equals(EXECUTOR)) {
                assertThat(pod.getServiceAccountName()).isEqualTo(EXECUTOR);
                assertThat(pod.getAutomountServiceAccountToken()).as("the executor calls the API server").isTrue();
            } else {
                assertThat(pod.getServiceAccountName()).as(s.module()).isNull();
                assertThat(pod.getAutomountServiceAccountToken()).as(s.module() + ": no API token").isFalse();
            }
        }
        ServiceAccount account = overlay.manifests().typed(ServiceAccount.class, EXECUTOR);
        assertThat(account.getMetadata().getNamespace()).isEqualTo("incidentops");
        assertThat(overlay.manifests().typed(Role.class)).as("no permission in IncidentOps' own namespace").isEmpty();
        assertThat(overlay.manifests().typed(RoleBinding.class)).isEmpty();
    }

    @Test
    void theTargetNamespaceGrantsTheExecutorExactlyWhatItsActionsNeed() {
        Manifests target = Manifests.load(Kustomize.render(Overlay.kubernetesDir().resolve("executor-targets/example")));
        List<String> unknown = new ArrayList<>();
        for (HasMetadata o : target.all()) {
            unknown.addAll(StrictModel.unknownFields(o, o.getKind() + "/" + o.getMetadata().getName()));
            assertThat(o.getMetadata().getNamespace()).as(o.getKind() + " lives in the target namespace").isEqualTo("shop");
        }
        assertThat(unknown).isEmpty();

        Role role = target.typed(Role.class, "incidentops-runbook-executor");
        assertThat(role.getRules()).extracting(ExecutorAccessTest::grant).containsExactlyInAnyOrder(
                "apps deployments get,list,patch",
                "apps replicasets list",
                "networking.k8s.io networkpolicies get,create,delete");
        assertThat(role.getRules()).allSatisfy(r -> {
            assertThat(r.getResourceNames()).isNullOrEmpty();
            assertThat(r.getNonResourceURLs()).isNullOrEmpty();
        });

        RoleBinding binding = target.typed(RoleBinding.class, "incidentops-runbook-executor");
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        Deployment executor = Workloads.deployment(Overlay.PROD.manifests(), ServiceModule.named(EXECUTOR));
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo(executor.getSpec().getTemplate().getSpec().getServiceAccountName());
            assertThat(subject.getNamespace()).isEqualTo(executor.getMetadata().getNamespace());
        });
    }

    private static String grant(PolicyRule rule) {
        return String.join(",", rule.getApiGroups()) + " " + String.join(",", rule.getResources()) + " "
                + String.join(",", rule.getVerbs());
    }
}
