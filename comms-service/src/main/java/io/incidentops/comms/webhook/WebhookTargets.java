package io.incidentops.comms.webhook;

import io.incidentops.platform.webhook.WebhookSigner;
import io.incidentops.comms.config.CommsConfig;
import io.incidentops.comms.notification.Audience;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured webhook per audience, checked once at start: a URL outside the allow-list, or a URL without a valid
 * signing secret, stops the service from starting instead of failing (or leaking) at the first incident.
 */
@ApplicationScoped
public class WebhookTargets {

    @Inject
    CommsConfig config;

    private final Map<Audience, URI> urls = new EnumMap<>(Audience.class);
    private WebhookSigner signer;

    void onStart(@Observes StartupEvent event) {
        validate();
    }

    synchronized void validate() {
        if (signer != null || !urls.isEmpty()) return;
        WebhookUrlPolicy policy = new WebhookUrlPolicy(config.webhooks().allowedHosts().orElse(List.of()));
        put(policy, Audience.STAKEHOLDERS, "incidentops.comms.webhooks.stakeholders.url", config.webhooks().stakeholders().url());
        put(policy, Audience.RESPONDERS, "incidentops.comms.webhooks.responders.url", config.webhooks().responders().url());
        if (!urls.isEmpty()) {
            String secret = config.webhooks().signingSecret().filter(s -> !s.isBlank()).orElseThrow(() ->
                    new IllegalStateException("incidentops.comms.webhooks.signing-secret is required when a webhook URL is set"));
            try {
                signer = new WebhookSigner(secret.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("incidentops.comms.webhooks.signing-secret: " + e.getMessage());
            }
        }
    }

    private void put(WebhookUrlPolicy policy, Audience audience, String key, Optional<String> url) {
        if (url.isEmpty() || url.get().isBlank()) return;
        try {
            urls.put(audience, policy.check(key, url.get()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    /** The webhook of this audience, when one is configured. */
    public Optional<URI> url(Audience audience) {
        validate();
        return Optional.ofNullable(urls.get(audience));
    }

    public WebhookSigner signer() {
        validate();
        if (signer == null) throw new IllegalStateException("no webhook configured");
        return signer;
    }
}
