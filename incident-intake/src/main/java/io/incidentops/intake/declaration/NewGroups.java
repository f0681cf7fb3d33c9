package io.incidentops.intake.declaration;

import io.incidentops.intake.incident.Incident;
import io.incidentops.intake.incident.IncidentIds;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The groups of a writer transaction's firing alerts that had no open incident when it began, prepared together:
 * locked (group-key order), their latest incidents read (one opened meanwhile by another replica, or one resolved
 * within the reopen window), and an ID reserved for each group that will declare. In a storm of new groups that is
 * a few round trips per transaction instead of five per declaration.
 */
final class NewGroups {

    static final NewGroups NONE = new NewGroups(Set.of(), Map.of(), Map.of());

    private final Set<String> groupKeys;
    private final Map<String, Incident> latest;
    private final Map<LocalDate, Iterator<String>> ids;

    /**
     * @param groupKeys the prepared groups
     * @param latest    the open or recently resolved incident of those groups that have one
     * @param ids       per UTC day of detection, one reserved ID per group that declares, in the order they are met
     */
    NewGroups(Set<String> groupKeys, Map<String, Incident> latest, Map<LocalDate, Iterator<String>> ids) {
        this.groupKeys = groupKeys;
        this.latest = latest;
        this.ids = ids;
    }

    /** The group's incident to join or reopen, or null: declare. */
    Incident latestOf(String groupKey) {
        if (!groupKeys.contains(groupKey)) {
            // a group not prepared had an incident open and locked by this transaction, which nothing here closes
            throw new IllegalStateException("group " + groupKey + " was neither open nor prepared");
        }
        return latest.get(groupKey);
    }

    /** The ID reserved for the next declaration of an incident detected at {@code detectedAt}. */
    String nextId(Instant detectedAt) {
        Iterator<String> reserved = ids.get(IncidentIds.dayOf(detectedAt));
        if (reserved == null || !reserved.hasNext()) {
            throw new NoSuchElementException("more declarations than IDs reserved");
        }
        return reserved.next();
    }
}
