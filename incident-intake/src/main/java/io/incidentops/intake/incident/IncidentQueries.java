package io.incidentops.intake.incident;

import io.incidentops.events.model.IncidentStatus;
import io.incidentops.events.model.Severity;
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

    /** Which incidents a list shows; every field may be null (no condition), {@code openOnly} only unresolved ones. */
    public record Filter(IncidentStatus status, boolean openOnly, Severity severity, String service, String team) {
    }

    public Slice list(Filter f, int page, int size) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (f.status() != null) {
            q.append(" and status = :status");
            p.and("status", f.status());
        }
        if (f.openOnly()) {
            q.append(" and status <> :resolved");
            p.and("resolved", IncidentStatus.RESOLVED);
        }
        if (f.severity() != null) {
            q.append(" and severity = :severity");
            p.and("severity", f.severity());
        }
        if (f.service() != null) {
            q.append(" and service = :service");
            p.and("service", f.service());
        }
        if (f.team() != null) {
            q.append(" and team = :team");
            p.and("team", f.team());
        }
        var query = Incident.<Incident>find(q.toString(), Sort.descending("detectedAt").and("id", Sort.Direction.Descending),
                p.map());
        return new Slice(query.page(Page.of(page, size)).list(), query.count());
    }
}
