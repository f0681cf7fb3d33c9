package io.incidentops.intake.incident;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Map;

/** One alert recorded on an incident: the one that declared it, a repeat, or a resolved notice. */
@Entity
@Table(name = "incident_alert")
public class IncidentAlert extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "incident_id")
    public String incidentId;
    @Column(name = "dedup_key")
    public String dedupKey;
    public String source;
    /** firing | resolved */
    @Column(name = "alert_status")
    public String alertStatus;
    public String summary;
    @Convert(converter = JsonColumns.LabelsConverter.class)
    public Map<String, String> labels;
    @Column(name = "starts_at")
    public Instant startsAt;
    @Column(name = "ends_at")
    public Instant endsAt;
    @Column(name = "received_at")
    public Instant receivedAt;
}
