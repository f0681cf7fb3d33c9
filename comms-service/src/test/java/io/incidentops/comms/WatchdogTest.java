package io.incidentops.comms;

import com.icegreen.greenmail.util.GreenMail;
import io.agroal.api.AgroalDataSource;
import io.incidentops.comms.support.ChannelServers;
import io.incidentops.comms.support.EventsTest;
import io.incidentops.comms.support.HealthPeerResource;
import io.incidentops.comms.support.HealthPeerResource.HealthPeer;
import io.incidentops.comms.support.Mails;
import io.incidentops.comms.support.TestClock;
import io.incidentops.comms.support.TestEvents;
import io.incidentops.events.Topics;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.TestIds;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watchdog pages the platform's owner (by e-mail, on a real SMTP server) straight from comms when the paging
 * pipeline is unhealthy: intake's health URL DOWN or unreachable, comms' consumer lag above its max for longer than its
 * grace, a page that failed for good. Once per condition, again only after {@code repeat}, "recovered" when it clears;
 * a replica holding a condition's row keeps the others from paging it. Time moves with {@link TestClock}.
 */
@QuarkusTest
@TestProfile(WatchdogTest.Watched.class)
class WatchdogTest extends EventsTest {

    static final String OWNER = "platform-owner@example.com";
    static final String IDLE_GROUP = "comms-watchdog-test-idle";
    static final String INTAKE = "health:intake";

    public static class Watched implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("incidentops.comms.watchdog.interval", "PT0.3S",
                    "incidentops.comms.watchdog.owners", "email:" + OWNER,
                    // a group nobody consumes with: the test decides its lag by committing offsets
                    "incidentops.comms.watchdog.lag.group", IDLE_GROUP,
                    "incidentops.comms.watchdog.lag.max", "3",
                    "incidentops.comms.watchdog.lag.grace", "PT1M");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(TestClock.class);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(HealthPeerResource.class));
        }
    }

    private static boolean movedPastEarlierTests;

    GreenMail smtp;

    HealthPeer peer;

    ChannelServers channels;

    @Inject
    TestClock clock;

    @Inject
    MeterRegistry meters;

    @Inject
    AgroalDataSource dataSource;

    /** Healthy peers, a caught-up group, no state and no mail from before. */
    @BeforeEach
    void healthyStart() throws Exception {
        if (!movedPastEarlierTests) {
            clock.advance(Duration.ofDays(1)); // pages that other test classes failed are out of every window
            movedPastEarlierTests = true;
        }
        peer.answers(200, HealthPeerResource.UP);
        idleGroupCaughtUp();
        awaitRounds(2);
        QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("DELETE FROM watchdog_condition").executeUpdate());
        awaitRounds(1);
        smtp.purgeEmailFromAllMailboxes();
    }

    @Test
    void intakeDownPagesTheOwnerOnceAgainAfterTheRepeatAndWhenItRecovers() throws Exception {
        peer.answers(503, HealthPeerResource.DOWN);

        await().atMost(Duration.ofSeconds(30)).until(() -> pages(INTAKE).size() == 1);
        MimeMessage first = pages(INTAKE).get(0);
        assertThat(first.getSubject()).isEqualTo("[IncidentOps watchdog] paging pipeline unhealthy: health:intake");
        assertThat(text(first)).contains("intake answered HTTP 503 DOWN: outbox DOWN",
                "oldest-age-seconds=600", "waiting=3", "repeats every PT30M");
        awaitRounds(3);
        assertThat(pages(INTAKE)).as("not again before the repeat interval").hasSize(1);

        clock.advance(Duration.ofMinutes(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> pages(INTAKE).size() == 2);
        assertThat(pages(INTAKE).get(1).getSubject())
                .isEqualTo("[IncidentOps watchdog] paging pipeline still unhealthy: health:intake");

        peer.answers(200, HealthPeerResource.UP);
        await().atMost(Duration.ofSeconds(30)).until(() -> pages(INTAKE).size() == 3);
        assertThat(pages(INTAKE).get(2).getSubject()).isEqualTo("[IncidentOps watchdog] recovered: health:intake");
        awaitRounds(3);
        assertThat(pages(INTAKE)).as("recovered once").hasSize(3);

        JsonPath state = watchdogState();
        assertThat(state.getString("owners[0].channel")).isEqualTo("email");
        assertThat(state.getString("owners[0].target")).isEqualTo(OWNER);
        assertThat(state.getString("conditions.find { it.condition == 'health:intake' }.status")).isEqualTo("healthy");
        assertThat(state.getString("conditions.find { it.condition == 'health:intake' }.lastPagedAt")).isNotNull();
        assertThat(state.getList("pages.findAll { it.condition == 'health:intake' }.kind"))
                .containsExactly("recovered", "still-unhealthy", "unhealthy");
        assertThat(state.getList("pages.findAll { it.condition == 'health:intake' }.status")).containsOnly("sent");
        given().get("/api/watchdog").then().statusCode(401);
    }

    @Test
    void anUnreachableHealthUrlIsUnhealthy() throws Exception {
        clock.advance(Duration.ofMinutes(30)); // pages it again if an earlier test had it paged
        await().atMost(Duration.ofSeconds(30)).until(() -> !pages("health:gone").isEmpty());
        assertThat(text(pages("health:gone").get(0))).contains("gone did not answer its health check");
    }

    @Test
    void aReplicaDecidingAConditionKeepsTheOthersFromPagingIt() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "healthy".equals(watchdogState().getString("conditions.find { it.condition == 'health:intake' }.status")));
        try (Connection replica = dataSource.getConnection()) {
            replica.setAutoCommit(false);
            try (PreparedStatement st = replica.prepareStatement(
                    "SELECT * FROM watchdog_condition WHERE name = ? FOR UPDATE")) {
                st.setString(1, INTAKE);
                st.executeQuery();
            }
            peer.answers(503, HealthPeerResource.DOWN);
            awaitRounds(3);
            assertThat(pages(INTAKE)).as("the replica holding the row decides; this one skips it").isEmpty();
            replica.rollback(); // the replica died before paging
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> pages(INTAKE).size() == 1);
        awaitRounds(3);
        assertThat(pages(INTAKE)).hasSize(1);
        peer.answers(200, HealthPeerResource.UP);
        await().atMost(Duration.ofSeconds(30)).until(() -> pages(INTAKE).size() == 2);
    }

    @Test
    void consumerLagAboveTheMaxForLongerThanTheGracePagesTheOwner() throws Exception {
        String incidentId = TestIds.newIncidentId();
        for (int i = 0; i < 5; i++) events.send(TestEvents.alertActivity(incidentId, i + 1)); // the idle group reads none
        await().atMost(Duration.ofSeconds(30)).until(() -> "unhealthy".equals(
                watchdogState().getString("conditions.find { it.condition == 'consumer-lag' }.status")));
        awaitRounds(3);
        assertThat(pages("consumer-lag")).as("within the grace period").isEmpty();

        clock.advance(Duration.ofMinutes(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> pages("consumer-lag").size() == 1);
        assertThat(text(pages("consumer-lag").get(0)))
                .contains("consumer group " + IDLE_GROUP + " is ", "records behind on incident-events (max 3)");

        idleGroupCaughtUp();
        await().atMost(Duration.ofSeconds(30)).until(() -> pages("consumer-lag").size() == 2);
        assertThat(pages("consumer-lag").get(1).getSubject()).isEqualTo("[IncidentOps watchdog] recovered: consumer-lag");
    }

    @Test
    void aPageThatFailedForGoodPagesTheOwner() throws Exception {
        String user = "UWD" + TestIds.unique("x").replaceAll("[^A-Za-z0-9]", "").toUpperCase();
        channels.server().stubFor(post(urlPathEqualTo(ChannelServers.SLACK + "/chat.postMessage")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.channel", equalTo(user)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":false,\"error\":\"channel_not_found\"}")));
        events.send(PagingTest.page(TestIds.newIncidentId(), "slack", user, 1));

        await().atMost(Duration.ofSeconds(30)).until(() -> pages("deliveries").size() == 1);
        assertThat(text(pages("deliveries").get(0)))
                .contains("1 page deliveries failed for good in the last PT15M");

        clock.advance(Duration.ofMinutes(16)); // the failure leaves the window
        await().atMost(Duration.ofSeconds(30)).until(() -> pages("deliveries").size() == 2);
        assertThat(pages("deliveries").get(1).getSubject()).isEqualTo("[IncidentOps watchdog] recovered: deliveries");
    }

    /** The watchdog's mails to the owner about {@code condition}, in arrival order. */
    private List<MimeMessage> pages(String condition) {
        return Mails.to(smtp, OWNER).stream().filter(m -> {
            try {
                return m.getSubject().endsWith(": " + condition);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** A mail's text, its transfer encoding undone. */
    private static String text(MimeMessage mail) throws Exception {
        return mail.getContent().toString();
    }

    private static JsonPath watchdogState() {
        return given().auth().oauth2(InfraTestResource.token("v", "viewer")).get("/api/watchdog")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Waits until {@code n} more watchdog rounds have run (no page decided meanwhile is missed). */
    private void awaitRounds(int n) {
        double from = rounds();
        await().atMost(Duration.ofSeconds(30)).until(() -> rounds() >= from + n);
    }

    private double rounds() {
        return meters.counter("incidentops.comms.watchdog.rounds").count();
    }

    /** Commits the idle group at the topic's end: no lag. */
    private static void idleGroupCaughtUp() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, InfraTestResource.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, IDLE_GROUP);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INCIDENT_EVENTS).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.commitSync(consumer.endOffsets(partitions).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue()))));
        }
    }
}
