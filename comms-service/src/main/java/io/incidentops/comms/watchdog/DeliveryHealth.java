package io.incidentops.comms.watchdog;

import io.incidentops.comms.config.CommsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * Comms' own deliveries: pages (and reminders, notices, invites) that failed for good in the last {@code window}, and
 * pages still pending {@code pending-limit} after they were requested (a worker that stopped, a provider that never
 * answers). Unhealthy from {@code max-failed} failures, or one stale pending page.
 */
@ApplicationScoped
public class DeliveryHealth {

    static final String CONDITION = "deliveries";

    @Inject
    EntityManager em;

    @Inject
    CommsConfig config;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Observation observe(Instant now) {
        CommsConfig.Deliveries limits = config.watchdog().deliveries();
        Object[] counts = (Object[]) em.createNativeQuery("SELECT "
                        + "(SELECT count(*) FROM page_delivery WHERE status = 'failed' AND created_at > :from), "
                        + "(SELECT count(*) FROM page_delivery WHERE status = 'pending' AND created_at < :stale)")
                .setParameter("from", now.minus(limits.window()))
                .setParameter("stale", now.minus(limits.pendingLimit()))
                .getSingleResult();
        long failed = ((Number) counts[0]).longValue();
        long stale = ((Number) counts[1]).longValue();
        String detail = failed + " page deliveries failed for good in the last " + limits.window() + ", " + stale
                + " still pending after " + limits.pendingLimit();
        return failed >= limits.maxFailed() || stale > 0 ? Observation.unhealthy(CONDITION, detail)
                : Observation.healthy(CONDITION, detail);
    }
}
