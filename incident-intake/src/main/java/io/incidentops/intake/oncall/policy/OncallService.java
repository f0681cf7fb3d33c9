package io.incidentops.intake.oncall.policy;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An incident's {@code service} (lower case) and the escalation policy that pages for it. */
@Entity
@Table(name = "oncall_service")
public class OncallService extends PanacheEntityBase {
    @Id
    public String name;
    @Column(name = "escalation_policy_id")
    public String escalationPolicyId;
    @Column(name = "created_at")
    public Instant createdAt;
}
