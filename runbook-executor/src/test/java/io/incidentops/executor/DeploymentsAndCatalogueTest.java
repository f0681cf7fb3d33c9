package io.incidentops.executor;

import io.incidentops.events.Topics;
import io.incidentops.testsupport.KafkaTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.incidentops.executor.IncidentFlowTest.viewer;
import static io.incidentops.testsupport.KafkaTestClient.header;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The deployments topic (CDEvents, plain records, poison records) and the runbook catalogue API. */
@QuarkusTest
class DeploymentsAndCatalogueTest {

    private final KafkaTestClient kafka = new KafkaTestClient();

    @Inject
    MeterRegistry registry;

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void poisonDeploymentRecordsGoToTheDlqAndTheNextRecordIsStored() {
        String service = "svc-" + UUID.randomUUID();
        double rejectedBefore = deployments("rejected");
        double storedBefore = deployments("stored");
        kafka.send(Topics.DEPLOYMENTS, service, "{not json", Map.of());
        kafka.send(Topics.DEPLOYMENTS, service, "{\"subject\":{\"id\":\"" + service + "\"}}",
                Map.of("ce_specversion", "1.0", "ce_type", "dev.cdevents.pipelinerun.finished.0.2.0", "ce_id", "p1"));
        kafka.send(Topics.DEPLOYMENTS, service, "{\"context\":{},\"subject\":{\"id\":\"service/" + service
                        + "\",\"content\":{\"environment\":{\"id\":\"production\"},\"artifactId\":\"pkg:oci/app@2.0.1\"}}}",
                Map.of("ce_specversion", "1.0", "ce_type", "dev.cdevents.service.deployed.0.2.0", "ce_id", "ok1",
                        "ce_source", "/argo", "ce_time", Instant.now().toString()));

        List<ConsumerRecord<String, String>> dead = kafka.awaitRecords(Topics.deadLetter(Topics.DEPLOYMENTS),
                r -> service.equals(r.key()), l -> l.size() == 2);
        assertThat(header(dead.get(0), "dead-letter-reason")).contains("not valid JSON");
        assertThat(header(dead.get(1), "dead-letter-reason")).contains("unsupported CloudEvents type");
        assertThat(dead.get(0).value()).isEqualTo("{not json");

        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(viewer())
                .get("/api/deployments?service={s}", service).jsonPath().getList("version").contains("2.0.1"));
        given().auth().oauth2(viewer()).get("/api/deployments?service={s}", service).then()
                .body("$", hasSize(1)).body("[0].environment", equalTo("production")).body("[0].kind", equalTo("deployed"));
        given().auth().oauth2(viewer()).get("/api/deployments").then().statusCode(400)
                .body("errors[0].field", equalTo("service"));
        // the stored one is counted after its transaction committed, a moment after the API shows it
        await().atMost(Duration.ofSeconds(5)).until(() -> deployments("stored") >= storedBefore + 1);
        assertThat(deployments("rejected")).isEqualTo(rejectedBefore + 2);
    }

    private double deployments(String outcome) {
        return Counters.count(registry, "incidentops.executor.deployments", "outcome", outcome);
    }

    @Test
    void theCatalogueIsReadable() {
        given().auth().oauth2(viewer()).get("/api/runbooks").then().statusCode(200)
                .body("$", hasSize(8))
                .body("find { it.name == 'service_down' }.stepCount", equalTo(7))
                .body("find { it.name == 'service_down' }.version", equalTo("1.0.0"))
                .body("find { it.name == 'security_breach' }.stepCount", equalTo(8));
        given().auth().oauth2(viewer()).get("/api/runbooks/database_issues").then().statusCode(200)
                .body("title", equalTo("Database Issues"))
                .body("steps[2].title", equalTo("Identify slow queries (EXPLAIN ANALYZE)"))
                .body("steps[2].step", equalTo(3))
                .body("steps[2].kind", equalTo("manual"));
        given().auth().oauth2(viewer()).get("/api/runbooks/no_such").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/runbooks").then().statusCode(401);
    }
}
