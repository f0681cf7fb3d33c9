package io.incidentops.comms.watchdog;

import io.incidentops.comms.config.CommsConfig;
import io.incidentops.comms.paging.channel.TwilioProviders;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Applies one observation to its condition's row and pages when the row says so, exactly once across replicas: the
 * row is claimed {@code FOR UPDATE SKIP LOCKED} for the whole decision and its pages, so a replica that finds it
 * claimed leaves this round to the one deciding; the next round reads what it committed. A replica that dies while
 * sending rolls back, and the next round pages again (at least once: a watchdog page is never lost to a crash).
 */
@ApplicationScoped
public class WatchdogDecisions {

    private static final Logger LOG = Logger.getLogger(WatchdogDecisions.class);

    @Inject
    EntityManager em;

    @Inject
    OwnerPager pager;

    @Inject
    Owners owners;

    @Inject
    TwilioProviders twilio;

    @Inject
    CommsConfig config;

    @Inject
    Clock clock;

    public void decide(Observation o) {
        QuarkusTransaction.requiringNew().timeout(timeoutSeconds()).run(() -> decideIn(o));
    }

    @SuppressWarnings("unchecked")
    private void decideIn(Observation o) {
        Instant now = Instant.now(clock);
        em.createNativeQuery("INSERT INTO watchdog_condition (name, healthy, since, checked_at) "
                        + "VALUES (:name, true, :now, :now) ON CONFLICT (name) DO NOTHING")
                .setParameter("name", o.condition()).setParameter("now", now).executeUpdate();
        List<WatchdogCondition> claimed = em.createNativeQuery(
                        "SELECT * FROM watchdog_condition WHERE name = :name FOR UPDATE SKIP LOCKED",
                        WatchdogCondition.class)
                .setParameter("name", o.condition()).getResultList();
        if (claimed.isEmpty()) return; // another replica is deciding it right now
        WatchdogCondition c = claimed.get(0);
        boolean wasHealthy = c.healthy;
        c.observe(o, now, config.watchdog().repeat()).ifPresent(kind -> {
            if (pager.page(c, kind, now) > 0) c.paged(kind, now);
        });
        if (wasHealthy != c.healthy) {
            LOG.warnf("watchdog: %s is now %s: %s", c.name, c.healthy ? "healthy" : "unhealthy", c.detail);
        }
    }

    /** Long enough for every owner's page to use its whole channel timeout on every SMS provider. */
    private int timeoutSeconds() {
        long perOwner = config.channels().timeout().toSeconds() * Math.max(1, twilio.count());
        return (int) Math.min(3600, 30 + perOwner * owners.all().size());
    }
}
