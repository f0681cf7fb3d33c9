package io.incidentops.executor.run;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The run of one runbook for one incident (unique per incident). */
@Entity
@Table(name = "runbook_run")
public class RunbookRun extends PanacheEntityBase {

    public enum Status { RUNNING, COMPLETED, FAILED, ABANDONED }

    @Id
    public UUID id;
    @Column(name = "incident_id")
    public String incidentId;
    public String runbook;
    @Column(name = "runbook_version")
    public String runbookVersion;
    @Column(name = "runbook_title")
    public String runbookTitle;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "completed_at")
    public Instant completedAt;
    /** Copied from the runbook at start: every step's input and output goes to the incident's evidence log. */
    @Column(name = "keeps_evidence")
    public boolean keepsEvidence;
}
