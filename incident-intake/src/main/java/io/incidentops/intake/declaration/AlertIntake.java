package io.incidentops.intake.declaration;

import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.config.IntakeConfig;
import io.incidentops.intake.grouping.GroupingPolicy;
import io.incidentops.intake.incident.GroupedAlertRows;
import io.incidentops.intake.incident.Incident;
import io.incidentops.intake.incident.IncidentIds;
import io.incidentops.intake.incident.IncidentLifecycle;
import io.incidentops.platform.problem.ConflictException;
import io.incidentops.platform.transaction.AdvisoryLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.FlushMode;
import org.hibernate.Session;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where an alert, whatever its wire format, meets the incidents. A firing alert joins the open incident of its group
 * (grouping policy); with none open, it reopens the group's incident resolved within the reopen window, or declares a
 * new one. A resolved notice is recorded on the open incident that holds its alert, or ignored.
 * <p>
 * One transaction per call, however many alerts it carries. Alerts are handled in group-key order, so replicas that
 * lock the same groups (advisory lock of a group before declaring, row lock of its incident) take them in the same
 * order and never deadlock; the partial unique index on open incidents' group keys is the backstop.
 */
@ApplicationScoped
public class AlertIntake {

    public static final String DECLARED = "declared";
    public static final String ATTACHED = "attached";
    public static final String REOPENED = "reopened";
    /** Durable in intake's journal, applied to its incident shortly (the answer came before the incident). */
    public static final String QUEUED = "queued";
    /** A resolved notice for which no incident is open: nothing to record it on. */
    public static final String IGNORED = "ignored";

    @Inject
    GroupingPolicy grouping;

    @Inject
    AdvisoryLocks locks;

    @Inject
    IncidentDeclaration declaration;

    @Inject
    GroupedAlerts groupedAlerts;

    @Inject
    IncidentIds incidentIds;

    @Inject
    IncidentLifecycle lifecycle;

    @Inject
    IntakeConfig config;

    @Inject
    IntakeMetrics metrics;

    @Inject
    GroupedAlertRows rows;

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    /**
     * What became of an alert. {@code incidentId} is null when the alert was ignored; {@code groupKey} says why it
     * joined the incident it did.
     */
    public record Outcome(String incidentId, String outcome, String dedupKey, String groupKey) {
    }

    @Transactional
    public Outcome accept(Alert alert) {
        return acceptAll(List.of(alert)).get(0);
    }

    /**
     * Every alert in one transaction; the outcomes in the alerts' order. The open incidents of the batch's groups are
     * locked and their records of its alerts read up front (two queries, {@link BatchIncidents}); the session flushes
     * at commit only (one batched round of inserts and updates, not a flush before every query), and the few queries
     * that must see this transaction's own writes flush first.
     */
    @Transactional
    public List<Outcome> acceptAll(List<Alert> alerts) {
        return acceptAll(alerts, alerts.stream().map(grouping::keyFor).toList());
    }

    /** The same, with each alert's group key already known (the writer chose its lane by it). */
    @Transactional
    public List<Outcome> acceptAll(List<Alert> alerts, List<String> groupKeys) {
        em.unwrap(Session.class).setHibernateFlushMode(FlushMode.COMMIT);
        String[] keys = groupKeys.toArray(String[]::new);
        Integer[] order = new Integer[alerts.size()];
        SortedMap<String, Set<String>> firing = new TreeMap<>();
        for (int n = 0; n < alerts.size(); n++) {
            order[n] = n;
            if (!alerts.get(n).resolved()) {
                firing.computeIfAbsent(keys[n], k -> new HashSet<>()).add(alerts.get(n).dedupKey());
            }
        }
        Arrays.sort(order, Comparator.comparing((Integer n) -> keys[n]).thenComparing(n -> alerts.get(n).dedupKey()));
        BatchIncidents batch = BatchIncidents.lockOpen(firing, rows);
        NewGroups fresh = prepareNewGroups(alerts, keys, order, firing.keySet(), batch);
        Outcome[] outcomes = new Outcome[alerts.size()];
        for (int n : order) {
            Alert alert = alerts.get(n);
            outcomes[n] = alert.resolved() ? resolved(alert, keys[n], batch) : firing(alert, keys[n], batch, fresh);
            metrics.alertAccepted(alert.source(), outcomes[n].outcome());
        }
        batch.write();
        return new ArrayList<>(Arrays.asList(outcomes));
    }

    /**
     * Locks the groups of the firing alerts that have no open incident (key order: the next replica waits here, then
     * finds this one's incidents), reads their latest incidents and reserves an ID for each group that will declare:
     * one whose first firing alert, in processing order, asks for no ID of its own.
     */
    private NewGroups prepareNewGroups(List<Alert> alerts, String[] keys, Integer[] order, Set<String> firingGroups,
                                       BatchIncidents batch) {
        List<String> unopened = firingGroups.stream().filter(k -> batch.openOf(k) == null).toList();
        if (unopened.isEmpty()) return NewGroups.NONE;
        locks.lockAll(unopened.stream().map(k -> "group:" + k).toList());
        Map<String, Incident> latest = Incident.findLatestOfGroupsForUpdate(unopened,
                Instant.now(clock).minus(config.grouping().reopenWindow()));
        Set<String> declaring = new HashSet<>(unopened);
        declaring.removeAll(latest.keySet());
        Map<LocalDate, Integer> wanted = new TreeMap<>();
        for (int n : order) {
            Alert alert = alerts.get(n);
            if (!alert.resolved() && declaring.remove(keys[n]) && alert.requestedId() == null) {
                wanted.merge(IncidentIds.dayOf(alert.receivedAt()), 1, Integer::sum);
            }
        }
        Map<LocalDate, Iterator<String>> ids = new HashMap<>();
        wanted.forEach((day, count) -> ids.put(day, incidentIds.next(day, count).iterator()));
        return new NewGroups(Set.copyOf(unopened), latest, ids);
    }

    private Outcome firing(Alert alert, String groupKey, BatchIncidents batch, NewGroups fresh) {
        Incident open = batch.openOf(groupKey);
        if (open != null) {
            return record(open, alert, groupKey, batch, ATTACHED);
        }
        Incident latest = fresh.latestOf(groupKey);
        if (latest != null && latest.isOpen()) {
            return record(latest, alert, groupKey, batch, ATTACHED);
        }
        if (latest != null) {
            lifecycle.reopen(latest, "Alert firing again within " + config.grouping().reopenWindow().toMinutes()
                    + " min of resolution: " + alert.summary(), Instant.now(clock));
            return record(latest, alert, groupKey, batch, REOPENED);
        }
        String id = alert.requestedId();
        if (id != null) {
            locks.lock("id:" + id);
            if (Incident.findById(id) != null) {
                throw new ConflictException("incident " + id + " already exists");
            }
        } else {
            id = fresh.nextId(alert.receivedAt());
        }
        // written with the transaction's other declarations at its end (before its alerts' rows, which need it): the
        // group's lock keeps out every other declaration of the group, the partial unique index is the backstop
        Incident incident = declaration.declare(alert, id, groupKey, batch);
        batch.declared(incident);
        return new Outcome(incident.id, DECLARED, alert.dedupKey(), groupKey);
    }

    private Outcome record(Incident i, Alert alert, String groupKey, BatchIncidents batch, String outcome) {
        batch.opened(i);
        groupedAlerts.firing(batch, i, alert, groupKey);
        return new Outcome(i.id, outcome, alert.dedupKey(), groupKey);
    }

    private Outcome resolved(Alert alert, String groupKey, BatchIncidents batch) {
        batch.write(); // the alert may have joined earlier in this transaction
        em.flush();
        Optional<Incident> holding = Incident.findOpenHoldingAlertForUpdate(alert.dedupKey());
        if (holding.isEmpty()) {
            return new Outcome(null, IGNORED, alert.dedupKey(), groupKey);
        }
        groupedAlerts.resolved(batch, holding.get(), alert);
        return new Outcome(holding.get().id, ATTACHED, alert.dedupKey(), holding.get().groupKey);
    }
}
