package io.incidentops.executor;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * One WireMock server standing in for the services' health endpoints, the mitigation action webhooks, Prometheus and
 * third parties' status pages. Each test
 * uses its own service name (and so its own health path): the stubs of one test never answer another's.
 */
public class WireMockResource implements QuarkusTestResourceLifecycleManager {

    public static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    /** Services with a health URL on WireMock at /health/{name}. */
    public static final String[] SERVICES = {"diag-svc", "dup-svc", "mitig-svc", "flaky-svc", "fail-svc", "rb-svc",
            "marker-svc", "calm-svc", "sick-svc", "reopen-svc", "refire-svc", "busy-svc", "handover-svc",
            "handover-target", "prom-svc", "effect-bad-svc", "effect-good-svc", "nodata-svc", "loop-svc", "steps-svc",
            "traced-svc", "traced-recovery-svc"};

    public static final String PROMETHEUS_PATH = "/prometheus";

    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        String base = server.baseUrl();
        Map<String, String> config = new HashMap<>();
        for (String service : SERVICES) {
            config.put("incidentops.executor.services.\"" + service + "\".health-url", base + "/health/" + service);
        }
        // nothing listens on port 1: "connection refused"
        config.put("incidentops.executor.services.\"down-svc\".health-url", "http://127.0.0.1:1/health");
        config.put("incidentops.executor.mitigations.actions.\"ROLLBACK\".url", base + "/actions/rollback");
        config.put("incidentops.executor.mitigations.actions.\"RESTART\".url", base + "/actions/restart");
        config.put("incidentops.executor.mitigations.actions.\"SCALE\".url", base + "/actions/scale");
        config.put("incidentops.executor.mitigations.actions.\"FAILOVER\".url", base + "/actions/failover");
        config.put("incidentops.executor.mitigations.actions.\"RATE_LIMIT\".url", base + "/actions/rate-limit");
        config.put("incidentops.executor.mitigations.signing-secret", SECRET);
        // a service on OpenTelemetry's metric names, found by its own label rather than job
        config.put("incidentops.executor.services.\"otel-svc\".metrics.flavor", "opentelemetry");
        config.put("incidentops.executor.services.\"otel-svc\".metrics.app-selector", "service_name=\"otel-svc\"");
        // third parties' Statuspage summary.json: the payments provider is down, the code host's watched component is up
        server.stubFor(get(urlEqualTo("/status/payments/api/v2/summary.json"))
                .willReturn(okJson(resource("statuspage/payments-major-outage.json"))));
        server.stubFor(get(urlEqualTo("/status/codehost/api/v2/summary.json"))
                .willReturn(okJson(resource("statuspage/code-host-operational.json"))));
        for (String service : new String[]{"vendor-svc", "vendor-ok-svc"}) {
            String dependencies = "incidentops.executor.services.\"" + service + "\".dependencies.";
            config.put(dependencies + "\"codehost\".status-url", base + "/status/codehost/api/v2/summary.json");
            config.put(dependencies + "\"codehost\".components", "Git Operations");
        }
        config.put("incidentops.executor.services.\"vendor-svc\".dependencies.\"payments\".status-url",
                base + "/status/payments/api/v2/summary.json");
        // typed runbook steps (run.TypedStepsTest): a further endpoint, a dependency that is down, a signed call
        config.put("incidentops.executor.services.\"steps-svc\".endpoints.\"ready\"", base + "/ready/steps-svc");
        config.put("incidentops.executor.services.\"steps-svc\".dependencies.\"payments\".status-url",
                base + "/status/payments/api/v2/summary.json");
        config.put("incidentops.executor.steps.calls.\"page-vendor\".url", base + "/calls/page-vendor");
        // Prometheus under a path prefix (as behind a proxy); what no test stubbed has no series: "no data", except
        // that services selected by job have a flat, healthy history (0) so that recovery after a mitigation or the
        // alerts resolving is judged healthy by its figures too (refresh-svc and nodata-* keep "no data")
        config.put("incidentops.executor.prometheus.url", base + PROMETHEUS_PATH);
        server.stubFor(get(urlPathEqualTo(PROMETHEUS_PATH + "/api/v1/query_range")).atPriority(50)
                .withQueryParam("query", matching(".*job=\"(?!refresh-svc\"|nodata-)[^\"]*\".*"))
                .willReturn(okJson("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":"
                        + "[{\"metric\":{},\"values\":[[1764583200,\"0\"],[1764583215,\"0\"]]}]}}")));
        server.stubFor(any(urlPathMatching(PROMETHEUS_PATH + "/api/v1/.*")).atPriority(100)
                .willReturn(okJson("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}")));
        return config;
    }

    /** The Standard Webhooks signature of a request signed with {@link #SECRET}: {@code v1,<base64 HMAC-SHA256>}. */
    public static String signature(String id, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
            return "v1," + Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = WireMockResource.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) server.stop();
    }
}
