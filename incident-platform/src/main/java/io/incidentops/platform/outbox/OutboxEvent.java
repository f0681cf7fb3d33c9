package io.incidentops.platform.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A row of the transactional outbox: one CloudEvent waiting to be relayed to Kafka. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    /** Insertion order; the relay sends in this order so an incident's events keep theirs. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    /** The CloudEvents {@code id}; consumers deduplicate on it. */
    @Column(nullable = false, unique = true)
    public UUID id;

    /** The CloudEvents {@code type}. */
    @Column(nullable = false)
    public String type;

    /** The incident ID: CloudEvents {@code subject} and Kafka key. */
    @Column(nullable = false)
    public String subject;

    /** The event data as JSON. */
    @Column(nullable = false)
    public String payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
