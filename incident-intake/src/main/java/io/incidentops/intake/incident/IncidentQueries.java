package io.incidentops.intake.incident;

import io.incidentops.events.model.IncidentStatus;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** Reads of incidents, newest first. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class IncidentQueries {

    public record Slice(List<Incident> items, long total) {
    }

    public Optional<Incident> find(String id) {
        return Incident.findByIdOptional(id);
    }

    /** The open incident on which an alert of this dedup key is recorded. */
    public Optional<Incident> findOpenByDedupKey(String dedupKey) {
        return Incident.openHoldingAlert(dedupKey).firstResultOptional();
    }

    /** The incident's alerts, the most recently changed first. */
    public List<IncidentAlert> alerts(String incidentId, int page, int size) {
        return IncidentAlert.ofIncident(incidentId, page, size);
    }

    /** @param status only this status (may be null); @param openOnly only unresolved ones */
    public Slice list(IncidentStatus status, boolean openOnly, int page, int size) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (status != null) {
            q.append(" and status = :status");
            p.and("status", status);
        }
        if (openOnly) {
            q.append(" and status <> :resolved");
            p.and("resolved", IncidentStatus.RESOLVED);
        }
        var query = Incident.<Incident>find(q.toString(), Sort.descending("detectedAt").and("id", Sort.Direction.Descending),
                p.map());
        return new Slice(query.page(Page.of(page, size)).list(), query.count());
    }
}
