package io.incidentops.comms.statuspage;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A component of the page: one per affected service. */
@Entity
@Table(name = "page_component")
public class PageComponent extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    /** operational | degraded_performance | partial_outage | major_outage */
    public String status;
    @Column(insertable = false, updatable = false)
    public Integer position;
    public String description;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
