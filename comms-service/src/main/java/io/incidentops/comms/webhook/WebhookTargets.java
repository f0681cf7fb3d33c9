package io.incidentops.comms.webhook;

import io.incidentops.comms.config.CommsConfig;
import io.incidentops.platform.webhook.WebhookSigner;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The configured webhooks (stakeholders, responders), checked once at start: a URL outside the allow-list, or a URL
 * without a valid signing secret, stops the service from starting instead of failing (or leaking) at the first
 * incident.
 */
@ApplicationScoped
public class WebhookTargets {

    @Inject
    CommsConfig config;

    private URI stakeholders;
    private URI responders;
    private WebhookSigner signer;

    void onStart(@Observes StartupEvent event) {
        validate();
    }

    synchronized void validate() {
        if (signer != null || stakeholders != null || responders != null) return;
        WebhookUrlPolicy policy = new WebhookUrlPolicy("incidentops.comms.webhooks.allowed-hosts",
                config.webhooks().allowedHosts().orElse(List.of()));
        stakeholders = check(policy, "incidentops.comms.webhooks.stakeholders.url", config.webhooks().stakeholders().url());
        responders = check(policy, "incidentops.comms.webhooks.responders.url", config.webhooks().responders().url());
        if (stakeholders != null || responders != null) {
            String secret = config.webhooks().signingSecret().filter(s -> !s.isBlank()).orElseThrow(() ->
                    new IllegalStateException("incidentops.comms.webhooks.signing-secret is required when a webhook URL is set"));
            try {
                signer = new WebhookSigner(secret.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("incidentops.comms.webhooks.signing-secret: " + e.getMessage());
            }
        }
    }

    /** @return the checked URL, null when none is configured */
    private static URI check(WebhookUrlPolicy policy, String key, Optional<String> url) {
        if (url.isEmpty() || url.get().isBlank()) return null;
        try {
            return policy.check(key, url.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    /** The stakeholders' webhook, when one is configured. */
    public Optional<URI> stakeholders() {
        validate();
        return Optional.ofNullable(stakeholders);
    }

    /** The responders' webhook, when one is configured. */
    public Optional<URI> responders() {
        validate();
        return Optional.ofNullable(responders);
    }

    public WebhookSigner signer() {
        validate();
        if (signer == null) throw new IllegalStateException("no webhook configured");
        return signer;
    }
}
