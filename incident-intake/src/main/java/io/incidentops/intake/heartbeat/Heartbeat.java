package io.incidentops.intake.heartbeat;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A heartbeat (Opsgenie's): expected to be pinged at least every {@code interval} {@code intervalUnit} while enabled,
 * else it expires and raises an alert. Its pending notice and lease are columns only {@link Heartbeats} writes, by SQL.
 */
@Entity
@Table(name = "heartbeat")
public class Heartbeat extends PanacheEntityBase {
    @Id
    public String name;
    public String description;
    @Column(name = "interval_count")
    public int interval;
    /** {@code minutes}, {@code hours} or {@code days}. */
    @Column(name = "interval_unit")
    public String intervalUnit;
    public boolean enabled;
    @Column(name = "owner_team")
    public String ownerTeam;
    @Column(name = "alert_message")
    public String alertMessage;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "alert_tags")
    public List<String> alertTags = new ArrayList<>();
    /** Opsgenie's {@code P1}..{@code P5}. */
    @Column(name = "alert_priority")
    public String alertPriority;
    /** When it expires unless pinged. */
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "last_ping_at")
    public Instant lastPingAt;
    /** Missed its interval and not pinged since: its alert is raised (or about to be). */
    public boolean expired;
    @Column(name = "created_at")
    public Instant createdAt;

    /** The interval as a duration (a day is 24 hours: heartbeats count elapsed time). */
    public Duration period() {
        return switch (intervalUnit) {
            case "minutes" -> Duration.ofMinutes(interval);
            case "hours" -> Duration.ofHours(interval);
            default -> Duration.ofDays(interval);
        };
    }
}
