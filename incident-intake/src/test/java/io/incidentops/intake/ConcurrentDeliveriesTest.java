package io.incidentops.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.intake.incident.Incident;
import io.incidentops.testsupport.InfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.incidentops.intake.support.Fixtures.alert;
import static io.incidentops.intake.support.Fixtures.as;
import static io.incidentops.testsupport.TestIds.unique;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The same alert delivered by many senders at once (an alert storm, several Alertmanager replicas): one incident. */
@QuarkusTest
class ConcurrentDeliveriesTest {

    private static final int DELIVERIES = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/alerts")
    URI alerts;

    @Test
    void twentyConcurrentDeliveriesOfOneFingerprintDeclareOneIncident() throws Exception {
        String service = unique("storm");
        String fingerprint = unique("fp");
        Map<String, Object> body = new HashMap<>(alert(service, "Checkout is down", "critical"));
        body.put("fingerprint", fingerprint);
        HttpRequest request = HttpRequest.newBuilder(alerts).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + InfraTestResource.integrationKey())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();

        HttpClient http = HttpClient.newHttpClient();
        ExecutorService senders = Executors.newFixedThreadPool(DELIVERIES);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        try {
            for (int n = 0; n < DELIVERIES; n++) {
                sent.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                        return http.send(request, HttpResponse.BodyHandlers.ofString());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, senders));
            }
            go.countDown();
            List<JsonNode> outcomes = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> response : sent) {
                assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(202);
                outcomes.add(JSON.readTree(response.get().body()));
            }

            assertThat(outcomes).extracting(o -> o.get("outcome").asText())
                    .containsOnly("declared", "attached").filteredOn("declared"::equals).hasSize(1);
            String id = outcomes.get(0).get("incidentId").asText();
            assertThat(outcomes).extracting(o -> o.get("incidentId").asText()).containsOnly(id);
            assertThat(QuarkusTransaction.requiringNew().call(() -> Incident.count("dedupKey", "local/" + fingerprint))).isOne();
            as("viewer").get("/api/incidents/" + id).then().statusCode(200).body("alertCount", equalTo(1));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as("viewer").get("/api/incidents/" + id + "/alerts")
                    .then().statusCode(200).body("items[0].deliveries", equalTo(DELIVERIES)));
        } finally {
            senders.shutdownNow();
        }
    }
}
