package io.incidentops.intake.declaration;

import io.incidentops.events.model.Severity;
import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.config.IntakeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this replica knows of recent alerts, so that a repeat with unchanged state (Alertmanager re-sends every group
 * interval, callers retry) is answered without touching the database: its delivery is counted here and written
 * with the others every flush interval. Anything else (a new alert, a change of state, a higher severity, or an alert
 * not seen for {@code known-alert-ttl}) goes to the database, whose unique keys stay the authority.
 */
@ApplicationScoped
public class KnownAlerts {

    /** What a committed outcome taught us about an alert. */
    record Known(String incidentId, String groupKey, boolean firing, Severity severity, Instant expiresAt) {
    }

    /** Deliveries of one alert counted here and not yet written. */
    static final class Pending {
        final String incidentId;
        final String dedupKey;
        final String groupKey;
        long deliveries;
        Instant lastSeen;

        /** One entry per alert and incident: counts for an incident the alert left are still written to it. */
        static String key(String incidentId, String dedupKey) {
            return incidentId + '\u0000' + dedupKey;
        }

        Pending(String incidentId, String dedupKey, String groupKey) {
            this.incidentId = incidentId;
            this.dedupKey = dedupKey;
            this.groupKey = groupKey;
        }
    }

    @Inject
    IntakeConfig config;

    @Inject
    Clock clock;

    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    /** Groups an applied alert joined an incident of: an alert of any other group may declare one. */
    private final Set<String> groupsSeen = ConcurrentHashMap.newKeySet();
    /** Alerts queued for the writer and not yet applied, by dedup key, with the state last queued. */
    private final ConcurrentHashMap<String, InFlight> unsettled = new ConcurrentHashMap<>();

    private record InFlight(int writes, boolean resolved) {
    }

    /** The outcome of a repeat counted in memory, or empty when the alert must go to the database. */
    Optional<AlertIntake.Outcome> countRepeat(Alert alert) {
        Known k = known.get(alert.dedupKey());
        Instant now = Instant.now(clock);
        if (k == null || k.firing() == alert.resolved()) {
            return Optional.empty();
        }
        InFlight queued = unsettled.get(alert.dedupKey());
        if (queued != null ? queued.resolved() != alert.resolved() : now.isAfter(k.expiresAt())) {
            // a change behind a queued write (a resolve behind a firing) is applied after it, not counted before
            // it; an alert not seen for the TTL is read again. The same state as the write queued for it (which
            // refreshes what is known) is a repeat of that write.
            return Optional.empty();
        }
        if (!alert.resolved() && alert.severity() != null && alert.severity().compareTo(k.severity()) < 0) {
            return Optional.empty(); // the same alert, now more severe: the incident may have to rise
        }
        // compute() is atomic per key with drain()'s remove(): no delivery is lost between the two
        pending.compute(Pending.key(k.incidentId(), alert.dedupKey()), (key, p) -> {
            Pending counted = p != null ? p : new Pending(k.incidentId(), alert.dedupKey(), k.groupKey());
            counted.deliveries++;
            counted.lastSeen = now;
            return counted;
        });
        return Optional.of(new AlertIntake.Outcome(k.incidentId(), AlertIntake.ATTACHED, alert.dedupKey(), k.groupKey()));
    }

    /**
     * The alerts are queued for the writer: until {@link #settled}, a delivery in another state goes to the writer
     * too (behind them), one in the same state is a repeat of theirs.
     */
    void unsettled(List<Alert> alerts) {
        for (Alert a : alerts) {
            unsettled.merge(a.dedupKey(), new InFlight(1, a.resolved()),
                    (before, now) -> new InFlight(before.writes() + 1, now.resolved()));
        }
    }

    /** The writer is done with the alerts (applied, failed, or applied by another replica). */
    void settled(List<Alert> alerts) {
        for (Alert a : alerts) {
            unsettled.computeIfPresent(a.dedupKey(),
                    (key, f) -> f.writes() == 1 ? null : new InFlight(f.writes() - 1, f.resolved()));
        }
    }

    /** Remembers what a committed outcome says of its alert. */
    void learn(Alert alert, AlertIntake.Outcome outcome) {
        if (outcome.incidentId() == null) {
            known.remove(alert.dedupKey());
            return;
        }
        if (known.size() >= config.writer().maxKnownAlerts()) {
            known.clear(); // a crude bound: forgetting only costs a database round trip per alert
        }
        if (groupsSeen.size() >= config.writer().maxKnownAlerts()) {
            groupsSeen.clear(); // the same bound: forgetting only costs a batch a shorter wait
        }
        if (outcome.groupKey() != null) groupsSeen.add(outcome.groupKey());
        Known previous = known.get(alert.dedupKey());
        Severity severity = alert.severity() != null ? alert.severity()
                : previous != null ? previous.severity() : Severity.P4;
        known.put(alert.dedupKey(), new Known(outcome.incidentId(), outcome.groupKey(), !alert.resolved(), severity,
                Instant.now(clock).plus(config.writer().knownAlertTtl())));
    }

    /**
     * Whether an alert of this group was applied here (to an incident that may have resolved since): when not, the
     * group's next alert may well declare an incident, and people are waiting for that page.
     */
    boolean seenGroup(String groupKey) {
        return groupsSeen.contains(groupKey);
    }

    /** Takes every counted delivery not yet written. */
    List<Pending> drain() {
        List<Pending> drained = new ArrayList<>();
        for (String key : pending.keySet()) {
            Pending p = pending.remove(key);
            if (p != null) drained.add(p);
        }
        return drained;
    }

    /** Gives back counts whose write failed, to be written with the next flush. */
    void restore(List<Pending> counts) {
        for (Pending p : counts) {
            pending.merge(Pending.key(p.incidentId, p.dedupKey), p, (mine, back) -> {
                mine.deliveries += back.deliveries;
                if (back.lastSeen.isAfter(mine.lastSeen)) mine.lastSeen = back.lastSeen;
                return mine;
            });
        }
    }
}
