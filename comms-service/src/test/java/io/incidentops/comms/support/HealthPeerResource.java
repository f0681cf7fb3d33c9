package io.incidentops.comms.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Intake's pipeline health endpoint as WireMock (healthy until a test says otherwise), configured as the watchdog's
 * health URL {@code intake}; a second one, {@code gone}, points at a port nothing listens on.
 */
public class HealthPeerResource implements QuarkusTestResourceLifecycleManager {

    public static final String HEALTH = "/intake/q/health/group/pipeline";
    public static final String UP = "{\"status\":\"UP\",\"checks\":[{\"name\":\"outbox\",\"status\":\"UP\","
            + "\"data\":{\"oldest-age-seconds\":0,\"waiting\":0,\"max-age-seconds\":120}}]}";
    public static final String DOWN = "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"outbox\",\"status\":\"DOWN\","
            + "\"data\":{\"oldest-age-seconds\":600,\"waiting\":3,\"max-age-seconds\":120}}]}";

    /** The test's handle on the peer. */
    public record HealthPeer(WireMockServer server) {
        public void answers(int status, String body) {
            server.stubFor(get(urlPathEqualTo(HEALTH)).willReturn(aResponse().withStatus(status)
                    .withHeader("Content-Type", "application/json").withBody(body)));
        }
    }

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        new HealthPeer(server).answers(200, UP);
        return Map.of("incidentops.comms.watchdog.health-urls.intake", "http://127.0.0.1:" + server.port() + HEALTH,
                "incidentops.comms.watchdog.health-urls.gone", "http://127.0.0.1:1/q/health/group/pipeline");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(new HealthPeer(server), new TestInjector.MatchesType(HealthPeer.class));
    }

    @Override
    public void stop() {
        if (server != null) server.stop();
    }
}
