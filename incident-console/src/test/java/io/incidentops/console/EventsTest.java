package io.incidentops.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.incidentops.console.support.ConsoleTestResource;
import io.incidentops.console.support.Session;
import io.incidentops.events.intake.IncidentAcknowledged;
import io.incidentops.testsupport.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /events} streams what the real (embedded) Kafka broker carries on incident-events. */
@QuarkusTest
@QuarkusTestResource(ConsoleTestResource.class)
class EventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/events")
    URI events;

    @Test
    void streamsACloudEventProducedToIncidentEvents() throws Exception {
        Session viewer = Session.signIn("vera", "viewer");
        String incidentId = "INC-20261204-" + (100 + (int) (Math.random() * 800));
        try (Stream stream = Stream.open(events, "Cookie", Session.SESSION + "=" + viewer.sessionCookie());
             KafkaTestClient kafka = new KafkaTestClient()) {
            // the console reads from the latest offset once its consumer has its partitions: send until one arrives
            Set<String> sent = new java.util.concurrent.ConcurrentSkipListSet<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                sent.add(kafka.sendEvent("/incidentops/incident-intake",
                        new IncidentAcknowledged(incidentId, "rita", Instant.now())).toString());
                return stream.lines().stream().anyMatch(l -> l.startsWith("id:") && sent.contains(l.substring(3).trim()));
            });

            List<String> lines = new ArrayList<>(stream.lines());
            int at = indexOfFirstId(lines, sent);
            String id = lines.get(at).substring(3).trim();
            assertThat(lines.subList(at, lines.size())).contains("event:incident.acknowledged");
            String data = lines.subList(at, lines.size()).stream().filter(l -> l.startsWith("data:")).findFirst()
                    .orElseThrow().substring(5).trim();
            JsonNode message = JSON.readTree(data);
            assertThat(message.get("id").asText()).isEqualTo(id);
            assertThat(message.get("type").asText()).isEqualTo("io.incidentops.incident.acknowledged.v1");
            assertThat(message.get("incidentId").asText()).isEqualTo(incidentId);
            assertThat(message.get("time").asText()).isNotBlank();
            assertThat(message.get("data").get("responder").asText()).isEqualTo("rita");

            await().atMost(Duration.ofSeconds(10)).until(() -> stream.lines().contains(": keep-alive"));
        }
    }

    @Test
    void followsOneIncidentWithABearerToken() throws Exception {
        Session viewer = Session.signIn("vera", "viewer");
        String followed = "INC-20261204-901";
        String other = "INC-20261204-902";
        try (Stream stream = Stream.open(URI.create(events + "?incident=" + followed), "Authorization", viewer.bearer());
             KafkaTestClient kafka = new KafkaTestClient()) {
            Set<String> sentFollowed = new java.util.concurrent.ConcurrentSkipListSet<>();
            Set<String> sentOther = new java.util.concurrent.ConcurrentSkipListSet<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                sentOther.add(kafka.sendEvent("/incidentops/incident-intake",
                        new IncidentAcknowledged(other, "otto", Instant.now())).toString());
                sentFollowed.add(kafka.sendEvent("/incidentops/incident-intake",
                        new IncidentAcknowledged(followed, "rita", Instant.now())).toString());
                return stream.lines().stream().anyMatch(l -> l.startsWith("id:") && sentFollowed.contains(l.substring(3).trim()));
            });
            assertThat(stream.lines().stream().filter(l -> l.startsWith("id:"))
                    .map(l -> l.substring(3).trim())).noneMatch(sentOther::contains);
        }
    }

    @Test
    void theStreamNeedsASignedInUser() {
        given().accept("text/event-stream").when().get("/events").then().statusCode(401);
    }

    private static int indexOfFirstId(List<String> lines, Set<String> ids) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("id:") && ids.contains(lines.get(i).substring(3).trim())) return i;
        }
        throw new AssertionError("no event line");
    }

    /** An open SSE connection whose lines are collected as they arrive; closing it ends the connection. */
    static final class Stream implements AutoCloseable {
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final HttpResponse<java.util.stream.Stream<String>> response;
        private final Thread reader;

        private Stream(HttpResponse<java.util.stream.Stream<String>> response) {
            this.response = response;
            this.reader = new Thread(() -> {
                try {
                    response.body().forEach(lines::add);
                } catch (RuntimeException closed) {
                    // the test closed the stream
                }
            }, "sse-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Stream open(URI uri, String header, String value) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                    .header(header, value).GET().build();
            HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("text/event-stream"));
            return new Stream(response);
        }

        List<String> lines() {
            return lines;
        }

        @Override
        public void close() throws InterruptedException {
            response.body().close();
            reader.join(5000);
        }
    }
}
