package io.incidentops.comms.notification;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One message sent about an incident, on any channel. Values are the wire values (status_page, customers...). */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "incident_id")
    public String incidentId;
    public String channel;
    public String audience;
    public String kind;
    /** Not the webhook URL (a secret): {@code status-page}, {@code stakeholders-webhook}... */
    public String destination;
    public String subject;
    public String body;
    @Column(name = "created_at")
    public Instant createdAt;
}
