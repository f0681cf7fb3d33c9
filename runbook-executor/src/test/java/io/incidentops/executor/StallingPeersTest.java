package io.incidentops.executor;

import io.incidentops.executor.health.HealthChecker;
import io.incidentops.executor.health.HealthResult;
import io.incidentops.executor.health.HealthStatus;
import io.incidentops.executor.mitigation.MitigationWebhookClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Peers that answer their status and then send the body for an hour (a byte every half second; WireMock's dribble
 * sends the headers with the first byte): a health check and an action webhook are decided by the status, and the
 * worker that made the call is not held by the body. Before, both waited for the whole body. The JUnit timeouts
 * only guard against that hang.
 */
@QuarkusTest
class StallingPeersTest {

    private static final String SLOW_BODY = "ok".repeat(4096);

    @Inject
    HealthChecker health;

    @Inject
    MitigationWebhookClient actions;

    @Test
    @Timeout(60)
    void aHealthEndpointThatStallsAfterItsStatusIsJudgedByTheStatus() {
        WireMockResource.server().stubFor(get(urlEqualTo("/health/stalling-svc"))
                .willReturn(aResponse().withStatus(200).withBody(SLOW_BODY).withChunkedDribbleDelay(7200, 3_600_000)));

        HealthResult result = health.check(WireMockResource.server().baseUrl() + "/health/stalling-svc");

        assertThat(result.status()).isEqualTo(HealthStatus.UP);
        assertThat(result.httpStatus()).isEqualTo(200);
    }

    @Test
    @Timeout(60)
    void anActionWebhookThatStallsAfterItsStatusIsJudgedByTheStatus() {
        WireMockResource.server().stubFor(post(urlEqualTo("/actions/stalling"))
                .willReturn(aResponse().withStatus(202).withBody(SLOW_BODY).withChunkedDribbleDelay(7200, 3_600_000)));

        MitigationWebhookClient.Delivery delivery = actions.post(
                WireMockResource.server().baseUrl() + "/actions/stalling", "mit_stalling",
                System.currentTimeMillis() / 1000, "v1,unchecked", "{}");

        assertThat(delivery.success()).isTrue();
        assertThat(delivery.detail()).isEqualTo("action webhook answered HTTP 202");
    }
}
