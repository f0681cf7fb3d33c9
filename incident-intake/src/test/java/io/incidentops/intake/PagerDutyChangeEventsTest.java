package io.incidentops.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.incidentops.events.EventCodec;
import io.incidentops.events.Topics;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.incidentops.testsupport.TestIds.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * POST /v2/change/enqueue speaks PagerDuty's change events (PagerDuty developer-docs events-API-v2/03-Change-Events.md;
 * the answer from go-pagerduty's change_events_test.go) and puts each on the deployments topic for the executor.
 */
@QuarkusTest
class PagerDutyChangeEventsTest {

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    /** PagerDuty's example request payload, with our integration key and a service of the test's own. */
    private static String example(String source) {
        return "{\"routing_key\":\"" + InfraTestResource.integrationKey() + "\",\"payload\":{"
                + "\"summary\":\"Build Success: Increase snapshot create timeout to 30 seconds\","
                + "\"timestamp\":\"2020-07-17T08:42:58.315+0000\",\"source\":\"" + source + "\","
                + "\"custom_details\":{\"build_state\":\"passed\",\"build_number\":\"2\",\"run_time\":\"1236s\"}},"
                + "\"links\":[{\"href\":\"https://acme.pagerduty.dev/build/2\",\"text\":\"View more details in Acme!\"}]}";
    }

    @Test
    void aChangeEventBecomesADeployRecordKeyedByService() throws Exception {
        String source = unique("acme-build-pipeline");
        given().contentType("application/json").body(example(source)).post("/v2/change/enqueue").then()
                .statusCode(202).body("status", equalTo("success")).body("message", equalTo("Change event processed"));

        List<ConsumerRecord<String, String>> records = kafka.awaitRecords(Topics.DEPLOYMENTS,
                r -> source.equals(r.key()), l -> !l.isEmpty());
        assertThat(records).hasSize(1);
        assertThat(records.get(0).headers().lastHeader("ce_type")).as("a plain record, not a CDEvent").isNull();
        JsonNode record = EventCodec.mapper().readTree(records.get(0).value());
        assertThat(record.path("service").asText()).isEqualTo(source);
        assertThat(record.path("version").asText()).isEqualTo("Build Success: Increase snapshot create timeout to 30 seconds");
        assertThat(record.path("deployedAt").asText()).isEqualTo("2020-07-17T08:42:58.315Z");
        assertThat(record.path("origin").asText()).isEqualTo("pagerduty-change");
        assertThat(record.path("links").get(0).path("href").asText()).isEqualTo("https://acme.pagerduty.dev/build/2");
        assertThat(record.path("details").path("build_number").asText()).isEqualTo("2");
    }

    @Test
    void invalidChangeEventsGetPagerDutysErrorBodyAndPublishNothing() {
        String source = unique("refused-pipeline");
        given().contentType("application/json").body(example(source).replace(InfraTestResource.integrationKey(), "wrong"))
                .post("/v2/change/enqueue").then().statusCode(400).body("status", equalTo("invalid event"))
                .body("message", equalTo("Event object is invalid")).body("errors", hasItem("'routing_key' is invalid"));
        given().contentType("application/json").body("{\"routing_key\":\"" + InfraTestResource.integrationKey()
                        + "\",\"payload\":{\"source\":\"" + source + "\",\"summary\":\"" + "x".repeat(1025) + "\","
                        + "\"timestamp\":\"yesterday\",\"custom_details\":\"text\"},\"links\":[{\"text\":\"no href\"}]}")
                .post("/v2/change/enqueue").then().statusCode(400)
                .body("errors", hasItem("'payload.summary' must be at most 1024 characters"))
                .body("errors", hasItem("'payload.timestamp' is not an ISO-8601 timestamp"))
                .body("errors", hasItem("'payload.custom_details' must be an object"))
                .body("errors", hasItem("'links[0]' must be an object with a string 'href'"));
        given().contentType("application/json").body("{\"routing_key\":\"" + InfraTestResource.integrationKey()
                + "\",\"payload\":{\"source\":\"" + source + "\"}}").post("/v2/change/enqueue").then().statusCode(400)
                .body("errors", hasItem("'payload.summary' is missing or blank"));
        given().contentType("application/json").body("[]").post("/v2/change/enqueue").then().statusCode(400)
                .body("status", equalTo("invalid event"));

        // a valid one behind them, from the same source: the only record of that key
        given().contentType("application/json").body(example(source)).post("/v2/change/enqueue").then().statusCode(202);
        assertThat(kafka.awaitRecords(Topics.DEPLOYMENTS, r -> source.equals(r.key()), l -> !l.isEmpty())).hasSize(1);
    }
}
