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

    static final String MITIGATIONS = "incidentops.executor.mitigations";

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
        Mitigation outcome = delivery.success()
                ? mitigations.applied(p.id(), delivery.detail())
                : mitigations.failed(p.id(), delivery.detail());
        // counted once transaction 2 committed: an outcome that was rolled back never happened
        registry.counter(MITIGATIONS, "action", request.action().name(),
                "outcome", delivery.success() ? "applied" : "failed").increment();
        return outcome;
    }
}
