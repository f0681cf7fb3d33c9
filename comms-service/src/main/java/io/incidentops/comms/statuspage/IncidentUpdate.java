package io.incidentops.comms.statuspage;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One message posted on a status-page incident. */
@Entity
@Table(name = "incident_update")
public class IncidentUpdate extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "page_incident_id")
    public String pageIncidentId;
    public String status;
    public String body;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "display_at")
    public Instant displayAt;
    /** JSON array of {@code {code, name, old_status, new_status}}. */
    @Column(name = "affected_components")
    public String affectedComponents;
    /** Who wrote it (a commander's login); null for the updates comms words itself. Never shown publicly. */
    @Column(name = "posted_by")
    public String postedBy;
}
