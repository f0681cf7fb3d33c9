package io.incidentops.intake.oncall.silence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A silence (one-off: active from {@code startsAt} to {@code endsAt}) or a maintenance window (with a
 * {@link Recurrence}: active during its occurrences between {@code startsAt} and {@code endsAt}, its expiry).
 * Expiring one sets {@code endsAt} to that moment, as Alertmanager does; the row stays, for the audit trail.
 */
@Entity
@Table(name = "silence")
public class Silence extends PanacheEntityBase {
    public static final String ACTIVE = "active";
    public static final String PENDING = "pending";
    public static final String EXPIRED = "expired";

    @Id
    public UUID id;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Matcher> matchers = new ArrayList<>();
    @Column(name = "starts_at")
    public Instant startsAt;
    @Column(name = "ends_at")
    public Instant endsAt;
    @JdbcTypeCode(SqlTypes.JSON)
    public Recurrence recurrence;
    @Column(name = "created_by")
    public String createdBy;
    public String comment;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "expired_by")
    public String expiredBy;
    @Column(name = "expired_at")
    public Instant expiredAt;

    /** Alertmanager's states: active (suppressing now), pending (not yet, or between occurrences), expired. */
    public String state(Instant now) {
        if (!endsAt.isAfter(now)) return EXPIRED;
        return activeUntil(now).isPresent() ? ACTIVE : PENDING;
    }

    /** While active at {@code now}: when it stops suppressing (the occurrence's end, at most {@code endsAt}). */
    public Optional<Instant> activeUntil(Instant now) {
        if (now.isBefore(startsAt) || !now.isBefore(endsAt)) return Optional.empty();
        if (recurrence == null) return Optional.of(endsAt);
        return recurrence.at(now).map(o -> o.end().isBefore(endsAt) ? o.end() : endsAt);
    }

    /** When it suppresses next, if ever: now when active, else the next start before the expiry. */
    public Optional<Instant> nextActiveFrom(Instant now) {
        if (!now.isBefore(endsAt)) return Optional.empty();
        Instant from = now.isBefore(startsAt) ? startsAt : now;
        if (recurrence == null || recurrence.at(from).isPresent()) return Optional.of(from);
        Instant next = recurrence.next(from).start();
        return next.isBefore(endsAt) ? Optional.of(next) : Optional.empty();
    }

    public boolean matches(Map<String, String> labels) {
        return matchers.stream().allMatch(m -> m.matches(labels));
    }
}
