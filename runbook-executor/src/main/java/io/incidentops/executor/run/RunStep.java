package io.incidentops.executor.run;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One step of a run, copied from the runbook version the run started with. */
@Entity
@Table(name = "runbook_run_step")
@IdClass(RunStep.Key.class)
public class RunStep extends PanacheEntityBase {

    /**
     * Automated steps are PENDING until a worker ran them, manual ones AWAITING_CONFIRMATION by a responder; a
     * mitigation step whose mitigation waits for a commander's approval is AWAITING_APPROVAL until it is applied or fails.
     */
    public enum Status { PENDING, AWAITING_CONFIRMATION, AWAITING_APPROVAL, DONE }

    @Id
    @Column(name = "run_id")
    public UUID runId;
    @Id
    public int step;
    public String title;
    public String kind;
    public String action;
    @Enumerated(EnumType.STRING)
    public Status status;
    public String outcome;
    public String detail;
    @Column(name = "completed_by")
    public String completedBy;
    @Column(name = "completed_at")
    public Instant completedAt;
    @Column(name = "due_at")
    public Instant dueAt;
    /** JSON of the step's {@code StepParameters}, copied at start; null without any. */
    public String parameters;
    /** A mitigation step: runs only once every step before it is DONE. */
    @Column(name = "waits_for_previous")
    public boolean waitsForPrevious;
    @Column(name = "started_at")
    public Instant startedAt;
    /** JSON of what the step found: the reading with its query and link, the changes, the statuses, the mitigation. */
    public String result;
    @Column(name = "mitigation_id")
    public UUID mitigationId;
    /** The W3C traceparent of the run's start; an automated step is worked in that trace. */
    public String traceparent;

    public static class Key implements Serializable {
        public UUID runId;
        public int step;

        public Key() {
        }

        public Key(UUID runId, int step) {
            this.runId = runId;
            this.step = step;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.step == step && Objects.equals(k.runId, runId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, step);
        }
    }
}
