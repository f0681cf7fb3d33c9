package io.incidentops.intake.oncall.silence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One line of the audit trail: who created or expired which silence, when. */
@Entity
@Table(name = "silence_audit")
public class SilenceAudit extends PanacheEntityBase {
    public static final String CREATED = "created";
    public static final String EXPIRED = "expired";

    @Id
    public UUID id;
    @Column(name = "silence_id")
    public UUID silenceId;
    public String action;
    /** The authenticated caller (a silence's {@code createdBy} is what the caller typed). */
    public String actor;
    public Instant at;
    /** The silence's comment on creation. */
    public String detail;

    static SilenceAudit of(UUID silenceId, String action, String actor, Instant at, String detail) {
        SilenceAudit a = new SilenceAudit();
        a.id = UUID.randomUUID();
        a.silenceId = silenceId;
        a.action = action;
        a.actor = actor;
        a.at = at;
        a.detail = detail;
        return a;
    }
}
