package io.incidentops.comms.watchdog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One watchdog page to one owner and what came of it ({@code sent}, {@code failed} or {@code unconfigured}). */
@Entity
@Table(name = "watchdog_page")
public class WatchdogPage extends PanacheEntityBase {
    @Id
    public UUID id;
    public String condition;
    /** {@code unhealthy}, {@code still-unhealthy} or {@code recovered}. */
    public String kind;
    public String channel;
    public String address;
    public String status;
    public String provider;
    public String error;
    public String detail;
    @Column(name = "created_at")
    public Instant createdAt;
}
