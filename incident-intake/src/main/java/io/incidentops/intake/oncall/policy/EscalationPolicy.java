package io.incidentops.intake.oncall.policy;

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

/** Ordered rules, run through once and then {@code numLoops} more times while nobody acknowledges. */
@Entity
@Table(name = "escalation_policy")
public class EscalationPolicy extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<EscalationRule> rules = new ArrayList<>();
    @Column(name = "num_loops")
    public int numLoops;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
