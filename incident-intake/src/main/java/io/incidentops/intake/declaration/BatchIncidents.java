package io.incidentops.intake.declaration;

import io.incidentops.intake.incident.Incident;
import io.incidentops.intake.incident.IncidentAlert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * What one writer transaction knows of the incidents its firing alerts go to: the open incidents of their groups,
 * locked by one query, and those incidents' records of these alerts, read by one more. Joining alerts to incidents
 * then costs no query per alert; only incidents declared or reopened within the batch are looked up one by one.
 */
final class BatchIncidents {

    private final Map<String, Incident> openByGroup = new HashMap<>();
    /** Incidents whose records of this batch's alerts are all in {@link #records}. */
    private final Set<String> complete = new HashSet<>();
    private final Map<IncidentAlert.Key, IncidentAlert> records = new HashMap<>();

    /**
     * Locks the open incidents of the firing alerts' groups (group-key order) and reads their records of these alerts.
     *
     * @param dedupKeysByGroup the firing alerts' dedup keys by group key, the groups in key order
     */
    static BatchIncidents lockOpen(SortedMap<String, Set<String>> dedupKeysByGroup) {
        BatchIncidents batch = new BatchIncidents();
        List<IncidentAlert.Key> records = new ArrayList<>();
        for (Incident i : Incident.findOpenOfGroupsForUpdate(dedupKeysByGroup.keySet())) {
            batch.openByGroup.put(i.groupKey, i);
            batch.complete.add(i.id);
            dedupKeysByGroup.get(i.groupKey).forEach(dedupKey -> records.add(new IncidentAlert.Key(i.id, dedupKey)));
        }
        IncidentAlert.of(records).forEach(batch::recorded);
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

    /** The incident's record of this alert, or null when it has none yet. */
    IncidentAlert recordOf(Incident i, String dedupKey) {
        IncidentAlert.Key key = new IncidentAlert.Key(i.id, dedupKey);
        if (complete.contains(i.id)) return records.get(key);
        return IncidentAlert.lookup(i.id, dedupKey).orElse(null);
    }

    void recorded(IncidentAlert record) {
        records.put(new IncidentAlert.Key(record.incidentId, record.dedupKey), record);
    }
}
