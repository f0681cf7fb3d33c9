package io.incidentops.platform.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A row of the transactional outbox: one CloudEvent waiting to be relayed to Kafka. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    /**
     * The CloudEvents {@code id}; consumers deduplicate on it. The entity's key, assigned here: rows of one
     * transaction are then inserted in one JDBC batch at flush (a database-generated key costs a round trip per row,
     * twelve of them per declared incident).
     */
    @Id
    public UUID id;

    /**
     * Insertion order, assigned by the database ({@code BIGSERIAL}) as the rows are inserted at flush; the relay sends
     * in this order. An incident's events keep theirs: its changes serialise on its row, so a later transaction's
     * rows are inserted after an earlier one committed.
     */
    @Column(insertable = false, updatable = false)
    public Long seq;

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

    /** W3C {@code traceparent} of the transaction that wrote the row; null outside a trace (and in older rows). */
    public String traceparent;

    /** How often the broker refused it; kept by the relay (OutboxClaims), never written from here. */
    @Column(insertable = false, updatable = false)
    public int attempts;

    /** The broker's last refusal. */
    @Column(name = "last_error", insertable = false, updatable = false)
    public String lastError;

    /** When it was set aside, refused for good; null while it is in line. */
    @Column(name = "set_aside_at", insertable = false, updatable = false)
    public Instant setAsideAt;
}
