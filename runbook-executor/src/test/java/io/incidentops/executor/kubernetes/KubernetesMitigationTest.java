package io.incidentops.executor.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetListBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.incidentops.events.EventType;
import io.incidentops.events.Topics;
import io.incidentops.events.executor.MitigationApprovalRequested;
import io.incidentops.events.intake.IncidentDeclared;
import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.IncidentType;
import io.incidentops.events.model.Severity;
import io.incidentops.executor.TestEvents;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.TestIds;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Rollback, restart, scale and isolation on workloads of fabric8's mock API server in CRUD mode: the state before and
 * after, the preview equal to what was applied, the approval rule, undo, the configuration as the only source of the
 * target, and the rollout history in the diagnostics' changes.
 */
@QuarkusTest
@TestProfile(KubernetesProfile.class)
@WithKubernetesTestServer(crud = true)
class KubernetesMitigationTest extends KubernetesTestBase {

    @Test
    void rollbackPutsThePreviousRevisionBackAsPreviewedOnlyOnTheConfiguredDeploymentAndUndoRollsForward() {
        Deployment app = deployment(NS, "rollback-app", "shop/app:3", 3, 2);
        replicaSet(app, 1, "shop/app:1");
        replicaSet(app, 2, "shop/app:2");
        replicaSet(app, 3, "shop/app:3");
        Deployment victim = deployment(NS, "victim", "shop/victim:7", 2, 1);
        replicaSet(victim, 1, "shop/victim:6");
        // the alert names another Deployment: the action's target still comes from configuration only
        String incident = declare("k8s-rollback", Severity.P1, Map.of("service", "k8s-rollback",
                "namespace", NS, "deployment", "victim"), "roll back deployment victim in namespace shop");
        String body = "{\"action\":\"ROLLBACK\",\"reason\":\"3 broke checkout\"}";

        JsonPath preview = given().auth().oauth2(responder()).contentType(ContentType.JSON).body(body)
                .post("/api/incidents/{id}/mitigations/preview", incident)
                .then().statusCode(200)
                .body("executor", equalTo("KUBERNETES"))
                .body("approvalRequired", equalTo(false))
                .body("change.before.images", equalTo(List.of("app=shop/app:3")))
                .body("change.after.images", equalTo(List.of("app=shop/app:2")))
                .extract().jsonPath();
        assertThat(image("rollback-app")).as("a preview changes nothing").isEqualTo("shop/app:3");

        JsonPath applied = given().auth().oauth2(responder()).contentType(ContentType.JSON).body(body)
                .post("/api/incidents/{id}/mitigations", incident)
                .then().statusCode(201)
                .body("status", equalTo("APPLIED"))
                .body("executor", equalTo("KUBERNETES"))
                .body("approval.state", equalTo("AUTOMATIC"))
                .body("undo.possible", equalTo(true))
                .extract().jsonPath();
        assertThat(applied.getMap("preview")).isEqualTo(preview.getMap("change"));
        assertThat(applied.getMap("audit.before")).isEqualTo(preview.getMap("change.before"));
        assertThat(applied.getMap("audit.after")).as("what was applied is what was previewed")
                .isEqualTo(preview.getMap("change.after"));
        assertThat(image("rollback-app")).isEqualTo("shop/app:2");
        assertThat(get("rollback-app").getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app", "rollback-app").doesNotContainKey("pod-template-hash");
        assertThat(image("victim")).isEqualTo("shop/victim:7");

        // naming the workload in the request is refused, and changes nothing
        given().auth().oauth2(responder()).contentType(ContentType.JSON)
                .body("{\"action\":\"ROLLBACK\",\"parameters\":{\"deployment\":\"victim\"},\"reason\":\"x\"}")
                .post("/api/incidents/{id}/mitigations", incident)
                .then().statusCode(400).body("errors[0].field", equalTo("parameters.deployment"));
        assertThat(image("victim")).isEqualTo("shop/victim:7");

        String id = applied.getString("mitigationId");
        given().auth().oauth2(responder()).post("/api/incidents/{id}/mitigations/{m}/undo", incident, id)
                .then().statusCode(403);
        given().auth().oauth2(commander()).post("/api/incidents/{id}/mitigations/{m}/undo", incident, id)
                .then().statusCode(200).body("undo.state", equalTo("DONE")).body("undo.by", equalTo("cora"));
        assertThat(image("rollback-app")).as("rolled forward").isEqualTo("shop/app:3");
        given().auth().oauth2(commander()).post("/api/incidents/{id}/mitigations/{m}/undo", incident, id)
                .then().statusCode(409);
    }

    @Test
    void restartSetsTheRestartedAtAnnotationAsPreviewedAndCannotBeUndone() {
        deployment(NS, "restart-app", "shop/restart:1", 1, 2);
        String incident = declare("k8s-restart", Severity.P0, Map.of("service", "k8s-restart"), "pods wedged");

        JsonPath applied = given().auth().oauth2(responder()).contentType(ContentType.JSON)
                .body("{\"action\":\"RESTART\",\"reason\":\"pods wedged\"}")
                .post("/api/incidents/{id}/mitigations", incident)
                .then().statusCode(201).body("status", equalTo("APPLIED"))
                .body("preview.before.restartedAt", nullValue())
                .body("undo.possible", equalTo(false))
                .extract().jsonPath();
        String restartedAt = applied.getString("preview.after.restartedAt");
        assertThat(restartedAt).isNotNull();
        assertThat(applied.getMap("audit.after")).isEqualTo(applied.getMap("preview.after"));
        assertThat(get("restart-app").getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("kubectl.kubernetes.io/restartedAt", restartedAt);
        assertThat(image("restart-app")).isEqualTo("shop/restart:1");

        given().auth().oauth2(commander())
                .post("/api/incidents/{id}/mitigations/{m}/undo", incident, applied.getString("mitigationId"))
                .then().statusCode(409);
    }

    @Test
    void scaleWithinBoundsIsAppliedBeyondThemWaitsForACommanderAndUndoScalesBack() {
        deployment(NS, "scale-app", "shop/scale:1", 1, 3);
        String incident = declare("k8s-scale", Severity.P2, Map.of("service", "k8s-scale"), "saturated");

        given().auth().oauth2(responder()).contentType(ContentType.JSON)
                .body("{\"action\":\"SCALE\",\"parameters\":{\"replicas\":4},\"reason\":\"saturated\"}")
                .post("/api/incidents/{id}/mitigations", incident)
                .then().statusCode(201).body("status", equalTo("APPLIED"))
                .body("audit.before.replicas", equalTo(3)).body("audit.after.replicas", equalTo(4));
        assertThat(get("scale-app").getSpec().getReplicas()).isEqualTo(4);

        JsonPath waiting = given().auth().oauth2(responder()).contentType(ContentType.JSON)
                .body("{\"action\":\"SCALE\",\"parameters\":{\"replicas\":8},\"reason\":\"still saturated\"}")
                .post("/api/incidents/{id}/mitigations", incident)
                .then().statusCode(202)
                .body("status", equalTo("AWAITING_APPROVAL"))
                .body("approval.state", equalTo("REQUIRED"))
                .body("preview.beyondBounds", equalTo(true))
                .body("preview.after.replicas", equalTo(8))
                .extract().jsonPath();
        assertThat(get("scale-app").getSpec().getReplicas()).as("nothing applied before approval").isEqualTo(4);

        String id = waiting.getString("mitigationId");
        MitigationApprovalRequested asked = TestEvents.dataOf(TestEvents.await(kafka, incident,
                l -> TestEvents.count(l, EventType.MITIGATION_APPROVAL_REQUESTED) == 1),
                EventType.MITIGATION_APPROVAL_REQUESTED, MitigationApprovalRequested.class).get(0);
        assertThat(asked.mitigationId()).isEqualTo(id);
        assertThat(asked.workload()).isEqualTo(NS + "/scale-app");
        assertThat(asked.summary()).isEqualTo(waiting.getString("preview.summary")).contains("from 4 to 8 replicas");
        assertThat(asked.approvalReason()).contains("beyond the workload's configured replica bounds");
        given().auth().oauth2(responder()).post("/api/incidents/{id}/mitigations/{m}/approve", incident, id)
                .then().statusCode(403);
        JsonPath approved = given().auth().oauth2(commander())
                .post("/api/incidents/{id}/mitigations/{m}/approve", incident, id)
                .then().statusCode(200)
                .body("status", equalTo("APPLIED"))
                .body("approval.state", equalTo("APPROVED"))
                .body("approval.approvedBy", equalTo("cora"))
                .extract().jsonPath();
        assertThat(approved.getMap("audit.after")).isEqualTo(waiting.getMap("preview.after"));
        assertThat(get("scale-app").getSpec().getReplicas()).isEqualTo(8);
        given().auth().oauth2(commander()).post("/api/incidents/{id}/mitigations/{m}/approve", incident, id)
                .then().statusCode(409);

        given().auth().oauth2(commander()).post("/api/incidents/{id}/mitigations/{m}/undo", incident, id)
                .then().statusCode(200).body("undo.state", equalTo("DONE"));
        assertThat(get("scale-app").getSpec().getReplicas()).as("scaled back").isEqualTo(4);

        given().auth().oauth2(responder()).contentType(ContentType.JSON)
                .body("{\"action\":\"SCALE\",\"parameters\":{\"replicas\":\"many\"},\"reason\":\"x\"}")
                .post("/api/incidents/{id}/mitigations", incident)
                .then().statusCode(400).body("errors[0].field", equalTo("parameters.replicas"));
    }

    @Test
    void isolationWaitsForApprovalThenDeniesAllTrafficOfThePodsAndUndoRemovesThePolicy() {
        deployment(NS, "isolate-app", "shop/isolate:1", 1, 2);
        String incident = declare("k8s-isolate", Severity.P0, Map.of("service", "k8s-isolate"), "exfiltration");

        JsonPath waiting = given().auth().oauth2(responder()).contentType(ContentType.JSON)
                .body("{\"action\":\"BLOCK_TRAFFIC\",\"reason\":\"exfiltration\"}")
                .post("/api/incidents/{id}/mitigations", incident)
                .then().statusCode(202).body("status", equalTo("AWAITING_APPROVAL"))
                .body("preview.before.networkPolicy", nullValue())
                .body("preview.after.networkPolicy.podSelector.app", equalTo("isolate-app"))
                .extract().jsonPath();
        assertThat(policy()).as("nothing applied before approval").isNull();

        String id = waiting.getString("mitigationId");
        JsonPath approved = given().auth().oauth2(commander())
                .post("/api/incidents/{id}/mitigations/{m}/approve", incident, id)
                .then().statusCode(200).body("status", equalTo("APPLIED"))
                .body("audit.after.networkPolicy.denyAll", equalTo(true))
                .extract().jsonPath();
        assertThat(approved.getMap("audit.after")).isEqualTo(waiting.getMap("preview.after"));
        NetworkPolicy policy = policy();
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isEqualTo(Map.of("app", "isolate-app"));
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
        assertThat(policy.getSpec().getEgress()).isNullOrEmpty();

        given().auth().oauth2(commander()).post("/api/incidents/{id}/mitigations/{m}/undo", incident, id)
                .then().statusCode(200).body("undo.state", equalTo("DONE"));
        assertThat(policy()).as("undo removes the policy").isNull();
    }

    @Test
    void anApprovalOfAWorkloadThatChangedSinceItsPreviewAppliesNothing() {
        Deployment app = deployment(NS, "drift-app", "shop/drift:2", 2, 1);
        replicaSet(app, 1, "shop/drift:1");
        replicaSet(app, 2, "shop/drift:2");
        // rollback is automatic for P0/P1 only
        String incident = declare("k8s-drift", Severity.P2, Map.of("service", "k8s-drift"), "errors");
        String id = given().auth().oauth2(responder()).contentType(ContentType.JSON)
                .body("{\"action\":\"ROLLBACK\",\"reason\":\"errors since 2\"}")
                .post("/api/incidents/{id}/mitigations", incident)
                .then().statusCode(202).body("preview.after.images", equalTo(List.of("app=shop/drift:1")))
                .extract().path("mitigationId");
        client().apps().deployments().inNamespace(NS).withName("drift-app").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("shop/drift:3");
            return d;
        });

        given().auth().oauth2(commander()).post("/api/incidents/{id}/mitigations/{m}/approve", incident, id)
                .then().statusCode(502);
        assertThat(image("drift-app")).isEqualTo("shop/drift:3");
        given().auth().oauth2(responder()).get("/api/incidents/{id}/mitigations/{m}", incident, id)
                .then().statusCode(200).body("status", equalTo("FAILED"));
    }

    @Test
    void theRolloutHistoryJoinsTheDeploymentsInOneListNewestFirst() {
        String ns = KubernetesProfile.HISTORY_NAMESPACE;
        Deployment app = deployment(ns, "history-app", "shop/history:2", 2, 1);
        Deployment other = deployment(ns, "other-app", "shop/other:5", 5, 1);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // the mock stamps its own creation times: the list of ReplicaSets is a recorded answer with times of our own
        server.expect().get().withPath("/apis/apps/v1/namespaces/" + ns + "/replicasets")
                .andReturn(200, new ReplicaSetListBuilder().addToItems(
                        KubernetesFixtures.created(KubernetesFixtures.replicaSetOf(app, 1, "shop/history:1"), now.minus(3, ChronoUnit.HOURS)),
                        KubernetesFixtures.created(KubernetesFixtures.replicaSetOf(app, 2, "shop/history:2"), now.minus(1, ChronoUnit.HOURS)),
                        KubernetesFixtures.created(KubernetesFixtures.replicaSetOf(other, 5, "shop/other:5"), now.minus(30, ChronoUnit.MINUTES))).build())
                .always();
        String service = "k8s-history";
        kafka.send(Topics.DEPLOYMENTS, service, "{\"context\":{},\"subject\":{\"id\":\"service/" + service
                        + "\",\"content\":{\"environment\":{\"id\":\"production\"},\"artifactId\":\"pkg:oci/history@1.9.0\"}}}",
                Map.of("ce_specversion", "1.0", "ce_type", "dev.cdevents.service.deployed.0.2.0",
                        "ce_id", TestIds.unique("cd"), "ce_source", "/argo",
                        "ce_time", now.minus(2, ChronoUnit.HOURS).toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(viewer())
                .get("/api/deployments?service={s}", service).jsonPath().getList("version").contains("1.9.0"));

        String incident = declare(service, Severity.P1, Map.of("service", service), "errors");
        await().atMost(Duration.ofSeconds(30)).until(() -> "DONE".equals(given().auth().oauth2(viewer())
                .get("/api/incidents/{id}/diagnostics", incident).jsonPath().getString("status")));
        JsonPath diagnostics = given().auth().oauth2(viewer()).get("/api/incidents/{id}/diagnostics", incident).jsonPath();
        assertThat(diagnostics.getList("recentDeployments.version"))
                .containsExactly("shop/history:2", "1.9.0", "shop/history:1");
        assertThat(diagnostics.getList("recentDeployments.kind"))
                .containsExactly("rollout revision 2", "deployed", "rollout revision 1");
        assertThat(diagnostics.getString("recentDeployments[0].deployedAt"))
                .isEqualTo(now.minus(1, ChronoUnit.HOURS).toString());
    }

    private String declare(String service, Severity severity, Map<String, String> labels, String title) {
        String incident = TestIds.newIncidentId();
        Instant detected = Instant.now();
        TestEvents.sendDeclared(kafka, new IncidentDeclared(incident, title, "Alert fired: " + title, service, severity,
                IncidentType.PERFORMANCE_DEGRADATION, IncidentStatus.DECLARED, "alertmanager", "fp-" + incident, labels,
                "customers affected", detected.minusSeconds(60), detected));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(viewer())
                .get("/api/incidents/{id}/runbook-runs", incident).statusCode() == 200);
        return incident;
    }

    private Deployment deployment(String ns, String name, String image, int revision, int replicas) {
        return KubernetesFixtures.deployment(client(), ns, name, image, revision, replicas);
    }

    private void replicaSet(Deployment owner, int revision, String image) {
        KubernetesFixtures.replicaSet(client(), owner, revision, image);
    }

    private Deployment get(String name) {
        return client().apps().deployments().inNamespace(NS).withName(name).get();
    }

    private String image(String name) {
        return KubernetesFixtures.image(client(), NS, name);
    }

    private NetworkPolicy policy() {
        return client().network().v1().networkPolicies().inNamespace(NS).withName("incidentops-isolate-isolate-app").get();
    }

    private static String responder() {
        return InfraTestResource.token("rita", "responder");
    }

    private static String commander() {
        return InfraTestResource.token("cora", "commander");
    }

    private static String viewer() {
        return InfraTestResource.token("vera", "viewer");
    }
}
