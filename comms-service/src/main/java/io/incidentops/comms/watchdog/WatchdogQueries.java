package io.incidentops.comms.watchdog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What operators see of the watchdog: every condition's state and the latest pages. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class WatchdogQueries {

    @Inject
    EntityManager em;

    public List<WatchdogCondition> conditions() {
        return WatchdogCondition.list("order by name");
    }

    /** When each condition's owners were last reached (any kind of page). */
    public Map<String, Instant> lastPaged() {
        Map<String, Instant> last = new HashMap<>();
        em.createQuery("select p.condition, max(p.createdAt) from WatchdogPage p where p.status = 'sent' "
                        + "group by p.condition", Object[].class)
                .getResultList().forEach(r -> last.put((String) r[0], (Instant) r[1]));
        return last;
    }

    public List<WatchdogPage> latestPages(int limit) {
        return WatchdogPage.find("order by createdAt desc, id").page(0, limit).list();
    }
}
