package io.incidentops.comms.warroom;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An incident's war room on Slack and how far comms got with it: created (channel id and link), responders invited
 * ({@code war_room_member}), summary posted and pinned, archived after resolution. {@code nextAttemptAt} says when the
 * worker has something to do; {@code leaseUntil} keeps replicas off a war room one of them is working on.
 */
@Entity
@Table(name = "war_room")
public class WarRoom extends PanacheEntityBase {
    /** Waiting for its channel. */
    public static final String PENDING = "pending";
    public static final String CREATED = "created";
    public static final String ARCHIVED = "archived";
    /** Slack has no bot token: recorded with the reason, never attempted. */
    public static final String UNCONFIGURED = "unconfigured";
    /** Gave up after {@code paging.max-attempts} failed rounds in a row. */
    public static final String FAILED = "failed";

    @Id
    @Column(name = "incident_id")
    public String incidentId;
    /** The channel name of {@code incident.war-room-opened}, as intake wrote it. */
    @Column(name = "requested_name")
    public String requestedName;
    /** The same, as Slack accepts a channel name. */
    public String name;
    @Column(name = "video_url")
    public String videoUrl;
    @Column(name = "document_url")
    public String documentUrl;
    public String status;
    @Column(name = "channel_id")
    public String channelId;
    public String url;
    @Column(name = "summary_ts")
    public String summaryTs;
    public boolean pinned;
    @Column(name = "archive_due_at")
    public Instant archiveDueAt;
    /** Reopened after it was archived: the channel is to be unarchived. */
    public boolean unarchive;
    /** Failed rounds in a row. */
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "lease_until")
    public Instant leaseUntil;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "archived_at")
    public Instant archivedAt;
    /** The W3C traceparent of the incident.war-room-opened that asked for it; every round continues that trace. */
    public String traceparent;

    /** Work is due at {@code at} (or sooner, if it already was). */
    void wake(Instant at) {
        if (nextAttemptAt == null || at.isBefore(nextAttemptAt)) nextAttemptAt = at;
    }

    /** When there is work next, from what is done and what is asked: now, the archive's due time, or never (null). */
    Instant nextWork(Instant now, boolean membersToInvite) {
        return switch (status) {
            case PENDING -> now;
            case CREATED -> membersToInvite || summaryTs == null || !pinned ? now : archiveDueAt;
            case ARCHIVED -> unarchive ? now : null;
            default -> null;
        };
    }
}
