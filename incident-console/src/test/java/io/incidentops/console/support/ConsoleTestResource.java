package io.incidentops.console.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.incidentops.local.LocalInfra;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * The console's peers for a test: one WireMock server playing the four services (each under its own path prefix, so
 * a test sees which service was called), the shared embedded Kafka broker, and the development sign-in with the
 * local key pair (the keys test-support's infrastructure generated).
 */
public class ConsoleTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String INTAKE = "/intake";
    public static final String EXECUTOR = "/executor";
    public static final String COMMS = "/comms";
    public static final String REPORTER = "/reporter";

    private static WireMockServer server;

    /** The WireMock server of the running test (stubs are reset by {@link Services#reset()}). */
    public static WireMockServer services() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        String base = "http://127.0.0.1:" + server.port();
        LocalInfra infra = LocalInfra.shared();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", infra.bootstrapServers());
        config.put("incidentops.console.intake-url", base + INTAKE);
        config.put("incidentops.console.executor-url", base + EXECUTOR);
        config.put("incidentops.console.comms-url", base + COMMS);
        config.put("incidentops.console.reporter-url", base + REPORTER);
        config.put("incidentops.console.status-page-url", base + COMMS + "/");
        config.put("incidentops.console.dev-sign-in.enabled", "true");
        config.put("incidentops.console.dev-sign-in.private-key-location", infra.security().privateKeyPath().toString());
        config.put("incidentops.console.dev-sign-in.public-key-location", infra.security().publicKeyPath().toString());
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
