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
import java.util.Optional;

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
}
