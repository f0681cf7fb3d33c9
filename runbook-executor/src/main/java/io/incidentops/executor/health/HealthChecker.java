package io.incidentops.executor.health;

import io.incidentops.executor.config.ExecutorConfig;
import io.incidentops.platform.http.BoundedExchange;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Optional;

/**
 * GETs a service's configured health URL. A service that does not answer is a finding, never an error: every
 * failure becomes a DOWN result with a reason. Called from workers, never inside a transaction.
 */
@ApplicationScoped
public class HealthChecker {

    static final String HEALTH_CHECKS = "incidentops.executor.health_checks";

    @Inject
    ExecutorConfig config;

    @Inject
    MeterRegistry registry;

    private HttpClient client;

    @PostConstruct
    void init() {
        client = HttpClient.newBuilder().connectTimeout(config.health().timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The health URL configured for {@code service}, if any. */
    public Optional<String> healthUrl(String service) {
        if (service == null) return Optional.empty();
        ExecutorConfig.ServiceConfig sc = config.services().get(service);
        return sc == null ? Optional.empty() : sc.healthUrl().filter(u -> !u.isBlank());
    }

    public HealthResult checkService(String service) {
        return healthUrl(service).map(this::check).orElseGet(() -> HealthResult.unknown(service));
    }

    public HealthResult check(String url) {
        HealthResult result = probe(url);
        // no transaction here: the GET itself is what is counted
        registry.counter(HEALTH_CHECKS, "status", result.status().name()).increment();
        return result;
    }

    private HealthResult probe(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET()
                    .header("Accept", "application/json").build();
            HttpResponse<Void> response = BoundedExchange.status(client, request, config.health().timeout());
            int status = response.statusCode();
            return status >= 200 && status < 300
                    ? new HealthResult(HealthStatus.UP, "HTTP " + status, status)
                    : new HealthResult(HealthStatus.DOWN, "DOWN: HTTP " + status, status);
        } catch (HttpConnectTimeoutException e) {
            return new HealthResult(HealthStatus.DOWN, "DOWN: connect timeout");
        } catch (HttpTimeoutException e) {
            return new HealthResult(HealthStatus.DOWN, "DOWN: timeout after " + config.health().timeout().toSeconds() + " s");
        } catch (ConnectException e) {
            return new HealthResult(HealthStatus.DOWN, "DOWN: connection refused");
        } catch (IOException e) {
            return new HealthResult(HealthStatus.DOWN, "DOWN: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (IllegalArgumentException e) {
            return new HealthResult(HealthStatus.DOWN, "DOWN: invalid health URL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HealthResult(HealthStatus.DOWN, "DOWN: interrupted");
        }
    }
}
