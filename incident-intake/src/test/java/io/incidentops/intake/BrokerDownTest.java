package io.incidentops.intake;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.incidentops.intake.support.Fixtures.applied;
import static io.incidentops.intake.support.Fixtures.webhook;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the Kafka broker unreachable, intake stays ready (a load balancer keeps sending it the outage's alerts), says
 * the broker is degraded, and declares incidents whose events wait in the outbox. Its own application, pointed at a
 * port where no broker listens.
 */
@QuarkusTest
@TestProfile(BrokerDownTest.NoBroker.class)
class BrokerDownTest {

    /** Kafka at a loopback port that was free a moment ago: connections are refused. */
    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:" + freePort(),
                    "incidentops.kafka.probe-interval", "1s");
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void staysReadyReportsTheBrokerDegradedAndKeepsDeclaringIntoTheOutbox() throws SQLException {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.find { it.name == 'kafka-broker' }.data.broker", org.hamcrest.Matchers.equalTo("degraded")));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("(?m)^incidentops_kafka_broker_reachable(\\{[^}]*})? 0\\.0$");

        String service = "brokerless-" + UUID.randomUUID().toString().substring(0, 8);
        String incident = applied().body(webhook(service, 1, 1)).post("/api/integrations/alertmanager").then()
                .statusCode(200).extract().path("results[0].incidentId");

        assertThat(incident).isNotBlank();
        assertThat(waitingEvents(incident)).as("the declaration's events wait for the broker").isPositive();
        given().get("/q/health/ready").then().statusCode(200);
    }

    private long waitingEvents(String incident) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT count(*) FROM outbox_event WHERE subject = ?")) {
            st.setString(1, incident);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
