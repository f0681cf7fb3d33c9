package io.incidentops.intake.oncall.silence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An escalation step that paged nobody because of a silence; it waits until {@code until}, then is tried again. */
@Entity
@Table(name = "paging_suppression")
public class PagingSuppression extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "incident_id")
    public String incidentId;
    @Column(name = "step_id")
    public UUID stepId;
    @Column(name = "silence_id")
    public UUID silenceId;
    @Column(name = "suppressed_at")
    public Instant suppressedAt;
    public Instant until;
}
