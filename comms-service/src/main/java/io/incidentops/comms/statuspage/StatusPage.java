package io.incidentops.comms.statuspage;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The status page itself (one row). Its shown {@code updated_at} is the latest change of the page, its components or incidents. */
@Entity
@Table(name = "status_page")
public class StatusPage extends PanacheEntityBase {
    @Id
    public boolean singleton = true;
    public String id;
    public String name;
    public String url;
    @Column(name = "time_zone")
    public String timeZone;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static StatusPage get() {
        return findById(true);
    }
}
