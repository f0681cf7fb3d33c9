package io.incidentops.comms.webhook;

import io.incidentops.comms.config.CommsConfig;
import io.incidentops.comms.webhook.WebhookDeliveryStore.Claimed;
import io.incidentops.comms.webhook.WebhookDeliveryStore.Recorded;
import io.incidentops.platform.http.BoundedExchange;
import io.incidentops.platform.worker.ClaimWorker;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * POSTs pending webhook deliveries, signed per Standard Webhooks, outside any transaction (the platform's claim loop:
 * claimed under a lease, one attempt each). 2xx → delivered; 5xx, 408, 429, timeouts and connection errors → retried
 * with exponential backoff; other 4xx → failed (the receiver refused the message; repeating it will not help).
 * Redirects are not followed (the allow-list checked the URL, not where it might redirect).
 */
@ApplicationScoped
public class WebhookDeliveryWorker extends ClaimWorker<Claimed> {

    private static final Logger LOG = Logger.getLogger(WebhookDeliveryWorker.class);

    @Inject
    WebhookDeliveryStore store;

    @Inject
    WebhookTargets targets;

    @Inject
    CommsConfig config;

    @Inject
    MeterRegistry meters;

    @Inject
    Clock clock;

    private volatile HttpClient http;

    @Scheduled(identity = "webhook-delivery", every = "${incidentops.comms.webhooks.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void deliverDue() {
        runOnce();
    }

    @Override
    protected List<Claimed> claim() {
        return store.claimDue();
    }

    @Override
    protected String describe(Claimed c) {
        // the id, not the URL: webhook URLs are secrets
        return "webhook delivery " + c.id() + " attempt " + c.attempt();
    }


    @Override
    protected String spanName() {
        return "webhook delivery";
    }

    /**
     * One attempt, unless another replica has claimed the delivery since; its outcome is recorded (committed) before
     * it is counted.
     */
    @Override
    protected void work(Claimed c) {
        String messageId = "msg_" + c.id();
        long timestamp = clock.instant().getEpochSecond();
        Recorded outcome;
        if (!store.begin(c)) {
            count(c, Recorded.SUPERSEDED);
            return;
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(c.url()))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "IncidentOps-comms")
                    .header("webhook-id", messageId)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", targets.signer().sign(messageId, timestamp, c.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(c.payload(), StandardCharsets.UTF_8))
                    .build();
            HttpResponse<Void> response = BoundedExchange.status(client(), request, config.webhooks().timeout());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                outcome = store.delivered(c, status);
            } else {
                boolean retryable = status >= 500 || status == 408 || status == 429;
                outcome = store.attemptFailed(c, status, "HTTP " + status, retryable);
            }
        } catch (IOException | RuntimeException e) {
            outcome = store.attemptFailed(c, null, e.getClass().getSimpleName() + ": " + e.getMessage(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = store.attemptFailed(c, null, "interrupted", true);
        }
        count(c, outcome);
    }

    private void count(Claimed c, Recorded outcome) {
        String name = outcome.name().toLowerCase(Locale.ROOT);
        meters.counter("incidentops.comms.webhook.attempts", "outcome", name).increment();
        if (outcome != Recorded.DELIVERED) {
            LOG.warnf("%s: %s", describe(c), name);
        }
    }

    private HttpClient client() {
        if (http == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder()
                            .connectTimeout(config.webhooks().timeout())
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .build();
                }
            }
        }
        return http;
    }
}
