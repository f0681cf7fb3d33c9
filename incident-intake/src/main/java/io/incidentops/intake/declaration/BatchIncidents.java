package io.incidentops.intake.declaration;

import io.incidentops.intake.incident.GroupedAlertRows;
import io.incidentops.intake.incident.Incident;
import io.incidentops.intake.incident.IncidentAlert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * What one writer transaction knows of the incidents its alerts go to: the open incidents of their groups, locked by
 * one query, and those incidents' records of these alerts, read by one more. Joining alerts to incidents then costs
 * no query per alert; only incidents reopened within the batch are looked up one by one.
 * <p>
 * It is also the transaction's unit of work for the records ({@link GroupedAlertRows}): new and changed ones are
 * written together by {@link #write()}, at the end and before any query that must see them.
 */
final class BatchIncidents {

    private final GroupedAlertRows rows;
    private final Map<String, Incident> openByGroup = new HashMap<>();
    /** Incidents whose records of this batch's alerts are all in {@link #records}. */
    private final Set<String> complete = new HashSet<>();
    private final Map<IncidentAlert.Key, IncidentAlert> records = new HashMap<>();
    /** In the order they came (records compare by identity). */
    private final Set<IncidentAlert> added = new LinkedHashSet<>();
    private final Set<IncidentAlert> changed = new LinkedHashSet<>();
    /** An incident declared here is written at the session's next flush: before the next records (foreign key). */
    private boolean declaredUnwritten;

    private BatchIncidents(GroupedAlertRows rows) {
        this.rows = rows;
    }

    /**
     * Locks the open incidents of the firing alerts' groups (group-key order) and reads their records of these alerts.
     *
     * @param dedupKeysByGroup the firing alerts' dedup keys by group key, the groups in key order
     */
    static BatchIncidents lockOpen(SortedMap<String, Set<String>> dedupKeysByGroup, GroupedAlertRows rows) {
        BatchIncidents batch = new BatchIncidents(rows);
        List<IncidentAlert.Key> keys = new ArrayList<>();
        for (Incident i : Incident.findOpenOfGroupsForUpdate(dedupKeysByGroup.keySet())) {
            batch.openByGroup.put(i.groupKey, i);
            batch.complete.add(i.id);
            dedupKeysByGroup.get(i.groupKey).forEach(dedupKey -> keys.add(new IncidentAlert.Key(i.id, dedupKey)));
        }
        rows.find(keys).forEach(batch::remember);
        return batch;
    }

    /** The group's open incident as this transaction knows it, or null. */
    Incident openOf(String groupKey) {
        Incident i = openByGroup.get(groupKey);
        return i != null && i.isOpen() ? i : null;
    }

    void opened(Incident i) {
        openByGroup.put(i.groupKey, i);
    }

    /** An incident this transaction declared: it has no records but those added here. */
    void declared(Incident i) {
        opened(i);
        complete.add(i.id);
        declaredUnwritten = true;
    }

    /** The incident's record of this alert, or null when it has none yet. */
    IncidentAlert recordOf(Incident i, String dedupKey) {
        IncidentAlert.Key key = new IncidentAlert.Key(i.id, dedupKey);
        IncidentAlert known = records.get(key);
        if (known != null || complete.contains(i.id)) return known;
        List<IncidentAlert> found = rows.find(List.of(key));
        found.forEach(this::remember);
        return found.isEmpty() ? null : found.get(0);
    }

    /** A new record, inserted by the next {@link #write()}. */
    void added(IncidentAlert record) {
        remember(record);
        added.add(record);
    }

    /** A change to a record, written by the next {@link #write()}. */
    void changed(IncidentAlert record) {
        if (!added.contains(record)) changed.add(record);
    }

    /** Writes the records added and changed since the last write. */
    void write() {
        if (declaredUnwritten && !added.isEmpty()) {
            rows.writeDeclaredIncidents();
            declaredUnwritten = false;
        }
        rows.insert(added);
        rows.update(changed);
        added.clear();
        changed.clear();
    }

    private void remember(IncidentAlert record) {
        records.put(new IncidentAlert.Key(record.incidentId, record.dedupKey), record);
    }
}
