package io.incidentops.comms.watchdog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The state of one watched condition, shared by the replicas and kept across restarts: healthy or not since when, and
 * what the owners were last told. {@link #observe} applies one observation and says which page is due.
 */
@Entity
@Table(name = "watchdog_condition")
public class WatchdogCondition extends PanacheEntityBase {

    /** The page an observation calls for. */
    public enum Kind {
        UNHEALTHY("unhealthy"), STILL_UNHEALTHY("still-unhealthy"), RECOVERED("recovered");

        public final String value;

        Kind(String value) {
            this.value = value;
        }
    }

    @Id
    public String name;
    public boolean healthy;
    public String detail;
    public Instant since;
    @Column(name = "alerted_at")
    public Instant alertedAt;
    @Column(name = "recovery_owed")
    public boolean recoveryOwed;
    @Column(name = "checked_at")
    public Instant checkedAt;

    /**
     * Records what was observed at {@code now} and returns the page due: the first one once the condition has been
     * unhealthy for its grace, another every {@code repeat} while it lasts, "recovered" once it clears (only when the
     * owners were told it was unhealthy). A page that reached nobody is due again next round.
     */
    public Optional<Kind> observe(Observation o, Instant now, Duration repeat) {
        checkedAt = now;
        detail = o.detail();
        if (o.healthy()) {
            if (!healthy) {
                healthy = true;
                since = now;
                recoveryOwed = alertedAt != null;
                alertedAt = null;
            }
            return recoveryOwed ? Optional.of(Kind.RECOVERED) : Optional.empty();
        }
        if (healthy) {
            healthy = false;
            since = now;
            alertedAt = null;
        }
        recoveryOwed = false;
        if (now.isBefore(since.plus(o.grace()))) return Optional.empty();
        if (alertedAt == null) return Optional.of(Kind.UNHEALTHY);
        return now.isBefore(alertedAt.plus(repeat)) ? Optional.empty() : Optional.of(Kind.STILL_UNHEALTHY);
    }

    /** At least one owner got the page of this kind at {@code now}. */
    public void paged(Kind kind, Instant now) {
        if (kind == Kind.RECOVERED) {
            recoveryOwed = false;
        } else {
            alertedAt = now;
        }
    }
}
