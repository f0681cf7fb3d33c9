package io.incidentops.comms.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** The stakeholder and responder webhooks (Slack-like: 200 "ok"), as one WireMock server. */
public class WebhookReceiverResource implements QuarkusTestResourceLifecycleManager {

    public static final String STAKEHOLDERS = "/hooks/stakeholders";
    public static final String RESPONDERS = "/hooks/responders";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlPathMatching("/hooks/.*")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        String base = "http://127.0.0.1:" + server.port();
        return Map.of("incidentops.comms.webhooks.stakeholders.url", base + STAKEHOLDERS,
                "incidentops.comms.webhooks.responders.url", base + RESPONDERS);
    }

    /** The responders' webhook answers the first message about the incident with a 503, the next ones with 200 "ok". */
    public static void respondersFailOnce(WireMockServer webhooks, String incidentId) {
        webhooks.stubFor(post(urlPathEqualTo(RESPONDERS)).atPriority(1).withRequestBody(containing(incidentId))
                .inScenario("flaky-" + incidentId).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("answered"));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectWireMock.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) server.stop();
    }
}
