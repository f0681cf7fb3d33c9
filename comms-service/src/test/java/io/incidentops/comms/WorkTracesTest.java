package io.incidentops.comms;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.incidentops.comms.support.ChannelServers;
import io.incidentops.comms.support.ChannelServersResource;
import io.incidentops.comms.support.EventsTest;
import io.incidentops.comms.support.InjectWireMock;
import io.incidentops.comms.support.TestEvents;
import io.incidentops.comms.support.Traces;
import io.incidentops.comms.support.WebhookReceiverResource;
import io.incidentops.events.EventType;
import io.incidentops.events.intake.WarRoomOpened;
import io.incidentops.events.model.Severity;
import io.incidentops.testsupport.InfraTestResource;
import io.incidentops.testsupport.TestIds;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.incidentops.comms.support.ChannelServers.SLACK;
import static io.incidentops.testsupport.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What comms' workers do later (a page sent, its receipt looked up, a webhook retried, a war room created) continues the
 * trace of the event that asked for it: the caller's sampled {@code traceparent} header on the request, then the
 * workers' spans, and the events they publish, in that trace.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ChannelServersResource.class, restrictToAnnotatedClass = false)
class WorkTracesTest extends EventsTest {

    private static final AttributeKey<String> ITEM = AttributeKey.stringKey("incidentops.work.item");

    ChannelServers channels;

    @InjectWireMock
    WireMockServer webhooks;

    @Inject
    Traces traces;

    @Test
    void anSmsPageAndItsReceiptAreWorkedInTheTraceOfTheirRequest() {
        String incidentId = TestIds.newIncidentId();
        String traceId = Traces.newTraceId();
        events.send(ChannelDeliveryTest.page(incidentId, "sms", ChannelDeliveryTest.phone(), "high"),
                Traces.sampled(traceId));

        String sent = header(events.await(EventType.COMMS_NOTIFICATION_SENT, incidentId, 1).get(0), "traceparent");
        assertThat(sent).as("comms.notification-sent, published once the provider took the page, is in the request's trace")
                .startsWith("00-" + traceId + "-");
        List<SpanData> receipts = awaitSpans(traceId, "page receipt", 1);
        assertThat(receipts.get(0).getAttributes().get(ITEM)).startsWith("receipt of sms page ");
        assertThat(traces.ended(traceId, "page delivery")).singleElement()
                .satisfies(s -> assertThat(s.getAttributes().get(ITEM)).startsWith("sms page ").contains(incidentId));
    }

    @Test
    void aWebhookNoticeIsRetriedInTheTraceOfItsMessage() {
        String incidentId = TestIds.newIncidentId();
        WebhookReceiverResource.respondersFailOnce(webhooks, incidentId);
        String traceId = Traces.newTraceId();
        // P3: a responder notice only
        events.send(TestEvents.declared(incidentId, Severity.P3, TestIds.unique("batch"), "nightly job late", null,
                Instant.now().minusSeconds(60)), Traces.sampled(traceId));

        List<SpanData> attempts = awaitSpans(traceId, "webhook delivery", 2);
        assertThat(attempts).extracting(s -> s.getAttributes().get(ITEM))
                .anySatisfy(item -> assertThat(item).endsWith(" attempt 1"))
                .anySatisfy(item -> assertThat(item).endsWith(" attempt 2"));
    }

    @Test
    void aWarRoomIsCreatedInTheTraceOfItsRequest() {
        String incidentId = TestIds.newIncidentId();
        String name = "incident-" + incidentId.toLowerCase(Locale.ROOT);
        channels.server().stubFor(post(urlPathEqualTo(SLACK + "/conversations.create")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.name", equalTo(name)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":true,\"channel\":{\"id\":\"CTRACE01\",\"name\":\"" + name + "\"}}")));
        String traceId = Traces.newTraceId();
        events.send(new WarRoomOpened(incidentId, "#" + name, "https://meet.example.com/" + name,
                "https://docs.example.com/incidents/" + incidentId, Instant.now()), Traces.sampled(traceId));

        String traceparent = header(events.await(EventType.COMMS_WAR_ROOM_CREATED, incidentId, 1).get(0), "traceparent");
        assertThat(traceparent).as("comms.war-room-created, published by the worker, is in the request's trace")
                .startsWith("00-" + traceId + "-");
        // the header is the relay's producer span, a child of the worker's span that wrote the outbox row
        List<String> workSpans = awaitSpans(traceId, "war room", 1).stream().map(SpanData::getSpanId).toList();
        assertThat(traces.ended(traceId)).filteredOn(s -> s.getSpanId().equals(traceparent.split("-")[2]))
                .singleElement().satisfies(producer -> assertThat(workSpans).contains(producer.getParentSpanId()));
    }

    private List<SpanData> awaitSpans(String traceId, String name, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> traces.ended(traceId, name).size() >= count);
        return traces.ended(traceId, name);
    }
}
