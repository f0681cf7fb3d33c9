package io.incidentops.executor.mitigation;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Applies a mitigation: record it (transaction 1), call the action webhook with no transaction open, record the
 * outcome and its events (transaction 2). A crash between the two leaves the row REQUESTED, visible in the API.
 */
@ApplicationScoped
public class MitigationApplier {

    @Inject
    MitigationService mitigations;

    @Inject
    MitigationWebhookClient webhooks;

    @Inject
    MeterRegistry registry;

    public Mitigation apply(String incidentId, MitigationRequest request, String requestedBy) {
        MitigationService.Prepared p = mitigations.prepare(incidentId, request, requestedBy);
        MitigationWebhookClient.Delivery delivery = webhooks.post(p.url(), p.id().toString(), p.timestamp(),
                p.signature(), p.body());
        registry.counter("incidentops_executor_mitigations_total", "action", request.action().name(),
                "outcome", delivery.success() ? "applied" : "failed").increment();
        return delivery.success() ? mitigations.applied(p.id(), delivery.detail()) : mitigations.failed(p.id(), delivery.detail());
    }
}
