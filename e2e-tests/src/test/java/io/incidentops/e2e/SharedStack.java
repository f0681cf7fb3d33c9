package io.incidentops.e2e;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.incidentops.local.LocalStack;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * One local stack for every end-to-end test class of the run (starting it is most of the run's time), started the way
 * deploy/local starts it, stopped when the run ends. A WireMock server plays the affected service (its health
 * endpoint), the mitigation action endpoint and the chat webhooks.
 */
final class SharedStack implements BeforeAllCallback {

    /** The non-root user the Kubernetes manifests run every service as; used when the test runs as root. */
    static final int SERVICE_UID = 185;

    record Started(LocalStack stack, WireMockServer peer) implements AutoCloseable {
        @Override
        public void close() {
            stack.stop();
            peer.stop();
        }
    }

    private static volatile Started started;

    static LocalStack stack() {
        return started.stack();
    }

    /** Where the stack keeps stack.env, its logs and state. */
    static Path targetDir() {
        return root().resolve("e2e-tests/target/stack");
    }

    private static Path root() {
        return Path.of(System.getProperty("incidentops.root", "..")).toAbsolutePath().normalize();
    }

    static WireMockServer peer() {
        return started.peer();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // the root store closes it (AutoCloseable) when the whole run ends, after the last class
        started = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(SharedStack.class, k -> start(), Started.class);
    }

    private static Started start() {
        WireMockServer peer = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        peer.start();
        peer.stubFor(get("/checkout/q/health").willReturn(ok("{\"status\":\"UP\"}")));
        peer.stubFor(post(urlPathMatching("/actions/.*")).willReturn(ok("{\"accepted\":true}")));
        peer.stubFor(post(urlPathMatching("/hooks/.*")).willReturn(ok("ok")));

        LocalStack stack = new LocalStack(root(), targetDir(), false, false)
                .withFreePorts()
                .withServiceConfig("runbook-executor",
                        "incidentops.executor.services.\"checkout\".health-url", peer.baseUrl() + "/checkout/q/health")
                .withServiceConfig("runbook-executor",
                        "incidentops.executor.mitigations.default-url", peer.baseUrl() + "/actions/default")
                .withServiceConfig("runbook-executor", "incidentops.executor.mitigations.signing-secret", secret())
                .withServiceConfig("runbook-executor", "incidentops.executor.recovery.check-interval", "1s")
                .withServiceConfig("runbook-executor", "incidentops.executor.worker.poll-interval", "1s")
                .withServiceConfig("runbook-executor", "incidentops.executor.recovery.stability-window", "3s")
                .withServiceConfig("comms-service",
                        "incidentops.comms.webhooks.stakeholders.url", peer.baseUrl() + "/hooks/stakeholders")
                .withServiceConfig("comms-service",
                        "incidentops.comms.webhooks.responders.url", peer.baseUrl() + "/hooks/responders")
                .withServiceConfig("comms-service", "incidentops.comms.webhooks.allowed-hosts", "localhost,127.0.0.1")
                .withServiceConfig("comms-service", "incidentops.comms.webhooks.signing-secret", secret())
                .withServiceConfig("comms-service", "incidentops.comms.page.name", "Acme Status")
                // the public page names operators' components only, never an alert's service label
                .withServiceConfig("comms-service", "incidentops.comms.components[0].name", "Checkout")
                .withServiceConfig("comms-service", "incidentops.comms.components[0].services", "checkout");
        Started started = new Started(stack, peer);
        try {
            if (uidOf(ProcessHandle.current().pid()) == 0 && Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
                stack.withServicesRunAs(SERVICE_UID); // each jar proven to run as a non-root user, read-only app dir
            }
            if (stack.start() != 0) {
                throw new IllegalStateException("stack did not start; see e2e-tests/target/stack/logs");
            }
            return started;
        } catch (IOException | InterruptedException | RuntimeException e) {
            started.close();
            throw new IllegalStateException("stack did not start; see e2e-tests/target/stack/logs", e);
        }
    }

    /** The real user ID of a process, from {@code /proc/<pid>/status} ("Uid: real effective saved fs"). */
    static int uidOf(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(l -> l.startsWith("Uid:")).map(l -> Integer.parseInt(l.split("\\s+")[1])).findFirst()
                .orElseThrow();
    }

    /** A fresh Standard Webhooks secret. */
    private static String secret() {
        return "whsec_" + java.util.Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes());
    }
}
