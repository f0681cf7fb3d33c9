package io.incidentops.comms;

import io.incidentops.testsupport.InfraTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Without owners the watchdog starts (a warning in the log), keeps watching and shows what it sees. */
@QuarkusTest
class WatchdogWithoutOwnersTest {

    @Test
    void theStateIsListedThoughNobodyIsPaged() {
        await().atMost(Duration.ofSeconds(30)).until(() -> conditions().containsAll(List.of("consumer-lag",
                "deliveries", "outbox")));
        assertThat(given().auth().oauth2(InfraTestResource.token("v", "viewer")).get("/api/watchdog").then()
                .extract().jsonPath().getList("owners")).isEmpty();
    }

    private static List<String> conditions() {
        return given().auth().oauth2(InfraTestResource.token("v", "viewer")).get("/api/watchdog").then()
                .statusCode(200).extract().jsonPath().getList("conditions.condition");
    }
}
