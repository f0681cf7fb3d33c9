package io.incidentops.executor.mitigation;

import io.incidentops.executor.config.ExecutorConfig;
import io.incidentops.platform.http.BoundedExchange;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

/** POSTs a signed mitigation request to an action webhook. Blocking: call it from a worker thread, outside a transaction. */
@ApplicationScoped
public class MitigationWebhookClient {

    @Inject
    ExecutorConfig config;

    private HttpClient client;

    public record Delivery(boolean success, String detail) {
    }

    @PostConstruct
    void init() {
        client = HttpClient.newBuilder().connectTimeout(config.mitigations().timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Delivery post(String url, String webhookId, long timestamp, String signature, String body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "IncidentOps-runbook-executor")
                    .header("webhook-id", webhookId)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signature)
                    // the mitigation's id: the same on every delivery of it, so the action can refuse a repeat
                    .header("Idempotency-Key", webhookId)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<Void> response = BoundedExchange.status(client, request, config.mitigations().timeout());
            int status = response.statusCode();
            return new Delivery(status >= 200 && status < 300, "action webhook answered HTTP " + status);
        } catch (HttpTimeoutException e) {
            return new Delivery(false, "action webhook timed out after " + config.mitigations().timeout().toSeconds() + " s");
        } catch (ConnectException e) {
            return new Delivery(false, "action webhook unreachable: connection refused");
        } catch (IOException e) {
            return new Delivery(false, "action webhook failed: " + e.getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            return new Delivery(false, "action webhook URL is invalid");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery(false, "interrupted");
        }
    }
}
