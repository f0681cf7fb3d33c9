package io.incidentops.comms;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.incidentops.comms.support.ChannelServers;
import io.incidentops.comms.support.ChannelServersResource;
import io.incidentops.comms.support.EventsTest;
import io.incidentops.events.intake.WarRoomOpened;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.TestIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.incidentops.comms.ChannelDeliveryTest.page;
import static io.incidentops.comms.ChannelDeliveryTest.slackUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Without a Slack token the war room is recorded {@code unconfigured} with the key to set, and nothing is sent to
 * Slack, then or later (no attempt is ever due).
 */
@QuarkusTest
@TestProfile(WarRoomUnconfiguredTest.NoSlack.class)
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ChannelServersResource.class, restrictToAnnotatedClass = false)
class WarRoomUnconfiguredTest extends EventsTest {

    /** {@link ChannelServersResource} leaves the Slack token out under this profile. */
    public static class NoSlack implements QuarkusTestProfile {
    }

    ChannelServers channels;

    @Test
    void recordedUnconfiguredAndNeverAttempted() {
        WireMockServer wire = channels.server();
        String incidentId = TestIds.newIncidentId();
        String name = "incident-" + incidentId.toLowerCase(Locale.ROOT);
        events.send(new WarRoomOpened(incidentId, "#" + name, null, "https://docs.example.com/" + incidentId,
                Instant.now()));
        // a responder paged on Slack afterwards: recorded for the war room, their page unconfigured like it
        events.send(page(incidentId, "slack", slackUser(), "high"));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(InfraTestResource.token("v", "viewer"))
                .get("/api/incidents/" + incidentId + "/notifications").then().extract()
                .path("notifications.size()").equals(1));

        JsonPath room = given().auth().oauth2(InfraTestResource.token("v", "viewer"))
                .get("/api/incidents/" + incidentId + "/war-room").then().statusCode(200).extract().jsonPath();
        assertThat(room.getString("status")).isEqualTo("unconfigured");
        assertThat(room.getString("lastError")).contains("incidentops.comms.channels.slack.token");
        assertThat(room.getInt("attempts")).isZero();
        assertThat(room.getString("channelId")).isNull();
        assertThat(wire.findAll(anyRequestedFor(urlPathMatching(ChannelServers.SLACK + "/.*")))).isEmpty();
    }
}
