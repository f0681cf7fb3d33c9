package io.incidentops.comms;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.incidentops.comms.support.ChannelServers;
import io.incidentops.comms.support.ChannelServersResource;
import io.incidentops.comms.support.EventsTest;
import io.incidentops.comms.support.TestEvents;
import io.incidentops.events.EventCodec;
import io.incidentops.events.EventType;
import io.incidentops.events.comms.WarRoomArchived;
import io.incidentops.events.comms.WarRoomCreated;
import io.incidentops.events.intake.CommanderAssigned;
import io.incidentops.events.intake.NotificationRequested;
import io.incidentops.events.intake.WarRoomOpened;
import io.incidentops.events.model.Responder;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.TestIds;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.incidentops.comms.ChannelDeliveryTest.page;
import static io.incidentops.comms.ChannelDeliveryTest.slackUser;
import static io.incidentops.comms.support.ChannelServers.SLACK;
import static io.incidentops.comms.support.ChannelServers.SLACK_TOKEN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The incident's war room on a WireMock server that answers as Slack's Web API does: the channel created once (also
 * for a redelivered or repeated {@code incident.war-room-opened}, and found again after {@code name_taken}), the
 * responders paged on Slack invited before and after it exists, the summary posted and pinned, pages naming it, the
 * archive after the (test) delay, cancelled or undone by a reopening, and Slack's rate limit waited out.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ChannelServersResource.class, restrictToAnnotatedClass = false)
class WarRoomTest extends EventsTest {

    /** Invited to every war room ({@code %test.incidentops.comms.war-room.invite}). */
    static final String ALWAYS = "UALWAYS01";
    static final String PINNED_TS = "1700000000.000100";

    ChannelServers channels;
    WireMockServer wire;
    String incidentId;
    String name;
    String channelId;

    @BeforeEach
    void setUp() {
        wire = channels.server();
        incidentId = TestIds.newIncidentId();
        name = "incident-" + incidentId.toLowerCase(Locale.ROOT);
        channelId = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT);
    }

    private WarRoomOpened opened() {
        return new WarRoomOpened(incidentId, "#" + name, "https://meet.example.com/" + name,
                "https://docs.example.com/incidents/" + incidentId, Instant.now());
    }

    private MappingBuilder create() {
        return post(urlPathEqualTo(SLACK + "/conversations.create")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.name", equalTo(name)));
    }

    private static String json(String body) {
        return body.replace('\'', '"');
    }

    /** Slack creates the channel of this test under {@link #channelId}. */
    private void slackCreates() {
        wire.stubFor(create().willReturn(ok("{'ok':true,'channel':{'id':'" + channelId + "','name':'" + name + "'}}")));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(json(body));
    }

    private JsonPath room() {
        return given().auth().oauth2(InfraTestResource.token("v", "viewer"))
                .get("/api/incidents/" + incidentId + "/war-room").then().extract().jsonPath();
    }

    private boolean invited(String user) {
        return room().getString("members.find { it.userId == '" + user + "' }.invitedAt") != null;
    }

    /** Created, every member invited, the summary pinned. */
    private void awaitReady(String... users) {
        await().atMost(Duration.ofSeconds(30)).until(() -> room().getBoolean("summaryPinned"));
        for (String user : users) await().atMost(Duration.ofSeconds(30)).until(() -> invited(user));
    }

    private int requests(String method, String jsonPath, String value) {
        return wire.findAll(postRequestedFor(urlPathEqualTo(SLACK + "/" + method))
                .withRequestBody(matchingJsonPath(jsonPath, equalTo(value)))).size();
    }

    @Test
    void createdOnceWithRespondersInvitedAndTheSummaryPinned() {
        events.send(TestEvents.declared(incidentId, Severity.P1, "checkout", "Checkout <b>down</b>", "x", Instant.now()));
        events.send(new CommanderAssigned(incidentId, new Responder("Sofia", "commander", "sofia@example.com"),
                Instant.now()));
        // paged on Slack before the war room exists
        String early = slackUser();
        events.send(page(incidentId, "slack", early, "high"));
        slackCreates();
        WarRoomOpened opened = opened();
        UUID eventId = events.send(opened);

        WarRoomCreated created = EventCodec.decode(WarRoomCreated.class,
                events.await(EventType.COMMS_WAR_ROOM_CREATED, incidentId, 1).get(0).value());
        assertThat(created).isEqualTo(new WarRoomCreated(incidentId, "slack", channelId, name,
                "https://slack.com/app_redirect?channel=" + channelId, created.createdAt()));
        awaitReady(early, ALWAYS);

        wire.verify(1, postRequestedFor(urlPathEqualTo(SLACK + "/conversations.create"))
                .withHeader("Authorization", equalTo("Bearer " + SLACK_TOKEN))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(matchingJsonPath("$.name", equalTo(name)))
                .withRequestBody(matchingJsonPath("$.is_private", equalTo("false"))));
        for (String user : new String[]{early, ALWAYS}) {
            wire.verify(1, postRequestedFor(urlPathEqualTo(SLACK + "/conversations.invite"))
                    .withHeader("Authorization", equalTo("Bearer " + SLACK_TOKEN))
                    .withRequestBody(matchingJsonPath("$.channel", equalTo(channelId)))
                    .withRequestBody(matchingJsonPath("$.users", equalTo(user))));
        }
        wire.verify(1, postRequestedFor(urlPathEqualTo(SLACK + "/chat.postMessage"))
                .withHeader("Authorization", equalTo("Bearer " + SLACK_TOKEN))
                .withRequestBody(matchingJsonPath("$.channel", equalTo(channelId)))
                .withRequestBody(matchingJsonPath("$.text", containing("War room of incident " + incidentId + " (P1)")))
                // the title is alert text: Slack's control characters escaped
                .withRequestBody(matchingJsonPath("$.text", containing(": Checkout &lt;b&gt;down&lt;/b&gt;")))
                .withRequestBody(matchingJsonPath("$.text", containing("Commander: Sofia")))
                .withRequestBody(matchingJsonPath("$.text", containing("Video call: https://meet.example.com/" + name)))
                .withRequestBody(matchingJsonPath("$.text",
                        containing("Document: https://docs.example.com/incidents/" + incidentId))));
        wire.verify(1, postRequestedFor(urlPathEqualTo(SLACK + "/pins.add"))
                .withHeader("Authorization", equalTo("Bearer " + SLACK_TOKEN))
                .withRequestBody(matchingJsonPath("$.channel", equalTo(channelId)))
                .withRequestBody(matchingJsonPath("$.timestamp", equalTo(PINNED_TS))));
        JsonPath room = room();
        assertThat(room.getString("status")).isEqualTo("created");
        assertThat(room.getString("channelId")).isEqualTo(channelId);
        assertThat(room.getString("requestedName")).isEqualTo("#" + name);
        assertThat(room.getInt("attempts")).isZero();

        // the event redelivered, and repeated under a new event id, once the channel exists: nothing is made again
        events.send(eventId, opened);
        events.send(opened);
        // a responder paged after the war room exists (and after the repeats) is invited too; their page links it
        String late = slackUser();
        NotificationRequested latePage = page(incidentId, "slack", late, "high");
        events.send(latePage);
        await().atMost(Duration.ofSeconds(30)).until(() -> invited(late));
        // the three war-room-opened events made one channel, one summary, one pin; the early responder invited once
        assertThat(requests("conversations.create", "$.name", name)).isEqualTo(1);
        assertThat(requests("chat.postMessage", "$.channel", channelId)).isEqualTo(1);
        assertThat(requests("pins.add", "$.channel", channelId)).isEqualTo(1);
        assertThat(requests("conversations.invite", "$.users", early)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> requests("chat.postMessage", "$.channel", late) == 1);
        wire.verify(1, postRequestedFor(urlPathEqualTo(SLACK + "/chat.postMessage"))
                .withRequestBody(matchingJsonPath("$.channel", equalTo(late)))
                .withRequestBody(matchingJsonPath("$.blocks[0].text.text",
                        containing("War room: https://slack.com/app_redirect?channel=" + channelId))));
        wire.verify(1, postRequestedFor(urlPathEqualTo(SLACK + "/conversations.invite"))
                .withRequestBody(matchingJsonPath("$.users", equalTo(late))));
    }

    @Test
    void nameTakenFindsTheChannelAnEarlierAttemptCreated() {
        given().auth().oauth2(InfraTestResource.token("v", "viewer")).get("/api/incidents/" + incidentId + "/war-room")
                .then().statusCode(404).contentType("application/problem+json");
        wire.stubFor(create().willReturn(ok("{'ok':false,'error':'name_taken'}")));
        // two pages of conversations.list: the channel is on the second
        wire.stubFor(get(urlPathEqualTo(SLACK + "/conversations.list")).atPriority(1)
                .withQueryParam("cursor", absent())
                .willReturn(ok("{'ok':true,'channels':[{'id':'C0GENERAL','name':'general'}],"
                        + "'response_metadata':{'next_cursor':'page-2-" + incidentId + "'}}")));
        wire.stubFor(get(urlPathEqualTo(SLACK + "/conversations.list")).atPriority(1)
                .withQueryParam("cursor", equalTo("page-2-" + incidentId))
                .willReturn(ok("{'ok':true,'channels':[{'id':'C0OTHER','name':'incident-other'},"
                        + "{'id':'" + channelId + "','name':'" + name + "'}],'response_metadata':{'next_cursor':''}}")));
        events.send(opened());

        WarRoomCreated created = EventCodec.decode(WarRoomCreated.class,
                events.await(EventType.COMMS_WAR_ROOM_CREATED, incidentId, 1).get(0).value());
        assertThat(created.channelId()).isEqualTo(channelId);
        awaitReady(ALWAYS);

        wire.verify(getRequestedFor(urlPathEqualTo(SLACK + "/conversations.list"))
                .withHeader("Authorization", equalTo("Bearer " + SLACK_TOKEN))
                .withQueryParam("cursor", equalTo("page-2-" + incidentId)));
        assertThat(requests("conversations.create", "$.name", name)).isEqualTo(1);
        assertThat(requests("conversations.invite", "$.channel", channelId)).isEqualTo(1);
        assertThat(requests("pins.add", "$.channel", channelId)).isEqualTo(1);
        assertThat(room().getString("status")).isEqualTo("created");
    }

    @Test
    void archivedAfterTheDelayUnlessReopenedAndUnarchivedOnAReopening() {
        Instant started = Instant.now().minusSeconds(600);
        events.send(TestEvents.declared(incidentId, Severity.P3, "search", "Search slow", "x", started));
        slackCreates();
        events.send(opened());
        awaitReady(ALWAYS);

        // resolved (archive due 2 s after a resolution an hour ahead), then reopened: the archive is cancelled
        events.send(TestEvents.resolved(incidentId, Severity.P3, "search", "Search slow", "cache", started,
                Instant.now().plusSeconds(3600)));
        await().atMost(Duration.ofSeconds(30)).until(() -> room().getString("archiveDueAt") != null);
        events.send(TestEvents.reopened(incidentId, "it came back"));
        await().atMost(Duration.ofSeconds(30)).until(() -> room().getString("archiveDueAt") == null);
        assertThat(room().getString("status")).isEqualTo("created");

        // resolved now: archived once the delay (PT2S in tests) has passed
        events.send(TestEvents.resolved(incidentId, Severity.P3, "search", "Search slow", "cache", started,
                Instant.now()));
        WarRoomArchived archived = EventCodec.decode(WarRoomArchived.class,
                events.await(EventType.COMMS_WAR_ROOM_ARCHIVED, incidentId, 1).get(0).value());
        assertThat(archived.channelId()).isEqualTo(channelId);
        assertThat(archived.channelName()).isEqualTo(name);
        assertThat(archived.platform()).isEqualTo("slack");
        wire.verify(1, postRequestedFor(urlPathEqualTo(SLACK + "/conversations.archive"))
                .withHeader("Authorization", equalTo("Bearer " + SLACK_TOKEN))
                .withRequestBody(matchingJsonPath("$.channel", equalTo(channelId))));
        await().atMost(Duration.ofSeconds(30)).until(() -> "archived".equals(room().getString("status")));

        // reopened after the archive: the channel is unarchived
        events.send(TestEvents.reopened(incidentId, "back again"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "created".equals(room().getString("status")));
        wire.verify(1, postRequestedFor(urlPathEqualTo(SLACK + "/conversations.unarchive"))
                .withHeader("Authorization", equalTo("Bearer " + SLACK_TOKEN))
                .withRequestBody(matchingJsonPath("$.channel", equalTo(channelId))));
        assertThat(requests("conversations.archive", "$.channel", channelId)).isEqualTo(1);
    }

    @Test
    void rateLimitedIsRetriedAndPagesMeanwhileNameTheChannel() {
        wire.stubFor(create().inScenario(name).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        wire.stubFor(create().inScenario(name).whenScenarioStateIs("open")
                .willReturn(ok("{'ok':true,'channel':{'id':'" + channelId + "','name':'" + name + "'}}")));
        events.send(opened());
        await().atMost(Duration.ofSeconds(30)).until(() -> room().get("attempts") instanceof Integer a && a >= 1);
        JsonPath limited = room();
        assertThat(limited.getString("status")).isEqualTo("pending");
        assertThat(limited.getString("lastError")).contains("HTTP 429");

        // paged while the channel does not exist yet: the page names the channel intake announced
        String topic = "warroom-" + UUID.randomUUID();
        events.send(page(incidentId, "push", topic, "high"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !wire.findAll(
                postRequestedFor(urlPathEqualTo(ChannelServers.NTFY + "/" + topic))).isEmpty());
        wire.verify(1, postRequestedFor(urlPathEqualTo(ChannelServers.NTFY + "/" + topic))
                .withRequestBody(containing("War room: #" + name)));

        wire.setScenarioState(name, "open");
        WarRoomCreated created = EventCodec.decode(WarRoomCreated.class,
                events.await(EventType.COMMS_WAR_ROOM_CREATED, incidentId, 1).get(0).value());
        assertThat(created.channelId()).isEqualTo(channelId);
        awaitReady(ALWAYS);
        assertThat(room().getInt("attempts")).isZero();
        assertThat(room().getString("lastError")).isNull();
    }
}
