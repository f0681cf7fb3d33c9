package io.incidentops.intake.oncall.escalation;

import io.incidentops.events.model.Severity;
import io.incidentops.platform.tracing.TraceParents;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A due timer of an incident's escalation. It carries what paging needs (severity, title, service) so that the
 * escalation never reads the incident: acknowledgement and resolution cancel its pending steps instead.
 */
@Entity
@Table(name = "escalation_step")
public class EscalationStep extends PanacheEntityBase {
    public static final String RULE = "rule";
    public static final String CONTACT = "contact";
    public static final String USERS = "users";
    public static final String PENDING = "pending";
    public static final String FIRED = "fired";
    public static final String CANCELLED = "cancelled";

    @Id
    public UUID id;
    @Column(name = "incident_id")
    public String incidentId;
    public String kind;
    @Column(name = "policy_id")
    public String policyId;
    @Column(name = "rule_index")
    public int ruleIndex;
    public int pass;
    /** rule: extra users paged with it (lead, management); contact and users: whom to page. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "user_ids")
    public List<String> userIds = new ArrayList<>();
    @Column(name = "contact_method_id")
    public String contactMethodId;
    public String urgency;
    @Enumerated(EnumType.STRING)
    public Severity severity;
    public String title;
    public String service;
    @Column(name = "due_at")
    public Instant dueAt;
    /** The sampled trace of the work that scheduled this step, continued when it fires (null: none). */
    public String traceparent;
    @Column(name = "lease_until")
    public Instant leaseUntil;
    public String status;
    @Column(name = "fired_at")
    public Instant firedAt;
    @Column(name = "created_at")
    public Instant createdAt;

    /** A follow-up step of the same incident. */
    EscalationStep next(String kind, Instant due, Instant now) {
        EscalationStep s = new EscalationStep();
        s.id = UUID.randomUUID();
        s.incidentId = incidentId;
        s.kind = kind;
        s.policyId = policyId;
        s.ruleIndex = ruleIndex;
        s.pass = pass;
        s.urgency = urgency;
        s.severity = severity;
        s.title = title;
        s.service = service;
        s.dueAt = due;
        s.status = PENDING;
        s.createdAt = now;
        s.traceparent = TraceParents.current(); // the firing of this step: the chain of steps is one trace
        return s;
    }
}
