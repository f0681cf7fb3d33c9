package io.incidentops.intake.oncall.schedule;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A request by the user on call in [start, end) that someone else take that window; open until taken or cancelled. */
@Entity
@Table(name = "shift_swap_request")
public class SwapRequest extends PanacheEntityBase {
    public static final String OPEN = "open";
    public static final String TAKEN = "taken";
    public static final String CANCELLED = "cancelled";

    @Id
    public UUID id;
    @Column(name = "schedule_id")
    public String scheduleId;
    public String requester;
    @Column(name = "start_at")
    public Instant start;
    @Column(name = "end_at")
    public Instant end;
    public String description;
    public String status;
    @Column(name = "taken_by")
    public String takenBy;
    @Column(name = "taken_at")
    public Instant takenAt;
    /** The override that taking recorded on the schedule. */
    @Column(name = "override_id")
    public String overrideId;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
