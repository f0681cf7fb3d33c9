package io.incidentops.intake.oncall.schedule;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/** A schedule: rotation layers in a time zone, overrides on top. */
@Entity
@Table(name = "oncall_schedule")
public class OncallSchedule extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    @Column(name = "time_zone")
    public String timeZone;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<RotationLayer> layers = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.JSON)
    public List<ScheduleOverride> overrides = new ArrayList<>();
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The latest override covering {@code t}, else the last layer with someone on call. */
    public Optional<Shift> onCallAt(Instant t) {
        for (int n = overrides.size() - 1; n >= 0; n--) {
            ScheduleOverride o = overrides.get(n);
            if (o.covers(t)) {
                return Optional.of(new Shift(o.user(), Instant.parse(o.start()), Instant.parse(o.end())));
            }
        }
        ZoneId zone = ZoneId.of(timeZone);
        for (int n = layers.size() - 1; n >= 0; n--) {
            Optional<Shift> shift = new Rotation(layers.get(n), zone).shiftAt(t);
            if (shift.isPresent()) {
                return shift;
            }
        }
        return Optional.empty();
    }

    /**
     * The final schedule from {@code since} to {@code until}, as PagerDuty renders it: who is on call when, overrides
     * and layer precedence applied, consecutive spans of one user merged, gaps (nobody on call) left out, the first
     * and last span cut at {@code since} and {@code until}.
     */
    public List<Shift> shifts(Instant since, Instant until) {
        TreeSet<Instant> changes = new TreeSet<>();
        changes.add(since);
        changes.add(until);
        for (ScheduleOverride o : overrides) {
            for (Instant edge : List.of(Instant.parse(o.start()), Instant.parse(o.end()))) {
                if (edge.isAfter(since) && edge.isBefore(until)) changes.add(edge);
            }
        }
        ZoneId zone = ZoneId.of(timeZone);
        for (RotationLayer layer : layers) {
            changes.addAll(new Rotation(layer, zone).changesBetween(since, until));
        }
        List<Shift> out = new ArrayList<>();
        Instant from = changes.pollFirst();
        for (Instant to : changes) {
            String user = onCallAt(from).map(Shift::userId).orElse(null);
            Shift last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (user != null && last != null && last.end().equals(from) && Objects.equals(last.userId(), user)) {
                out.set(out.size() - 1, new Shift(user, last.start(), to));
            } else if (user != null) {
                out.add(new Shift(user, from, to));
            }
            from = to;
        }
        return out;
    }

    /** Whether {@code user} alone is on call from {@code start} to {@code end}, without a gap. */
    public boolean onCallThroughout(String user, Instant start, Instant end) {
        List<Shift> all = shifts(start, end);
        return all.size() == 1 && all.get(0).userId().equals(user) && all.get(0).start().equals(start)
                && all.get(0).end().equals(end);
    }

    /** Whether someone other than {@code user} is on call at every moment from {@code start} to {@code end}. */
    public boolean othersOnCallThroughout(String user, Instant start, Instant end) {
        Instant covered = start;
        for (Shift shift : shifts(start, end)) {
            if (shift.userId().equals(user) || !shift.start().equals(covered)) return false;
            covered = shift.end();
        }
        return covered.equals(end);
    }
}
