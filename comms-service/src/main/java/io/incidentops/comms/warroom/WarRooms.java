package io.incidentops.comms.warroom;

import io.incidentops.comms.config.CommsConfig;
import io.incidentops.comms.incident.TrackedIncident;
import io.incidentops.comms.paging.WarRoomLink;
import io.incidentops.comms.paging.channel.SlackApi;
import io.incidentops.comms.webhook.Backoff;
import io.incidentops.events.comms.WarRoomArchived;
import io.incidentops.events.comms.WarRoomCreated;
import io.incidentops.events.intake.IncidentReopened;
import io.incidentops.events.intake.IncidentResolved;
import io.incidentops.events.intake.NotificationRequested;
import io.incidentops.events.intake.WarRoomOpened;
import io.incidentops.events.model.ContactAddress;
import io.incidentops.platform.outbox.Outbox;
import io.incidentops.platform.tracing.TraceParents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The database side of war rooms. The event handler records what is wanted (a war room, a responder to invite, an
 * archive due time, an unarchive) in the consumer's transaction and says when there is work; the worker claims a war
 * room alone (SKIP LOCKED, under a lease), works it outside any transaction, and records each step as soon as Slack
 * took it, in its own short transaction, so a redelivery, a retry or another replica never repeats a step.
 */
@ApplicationScoped
@Transactional
public class WarRooms {

    @Inject
    EntityManager em;

    @Inject
    CommsConfig config;

    @Inject
    SlackApi slack;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    /** @return false when this war room was recorded before (a redelivered event) */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean opened(WarRoomOpened o) {
        if (WarRoom.findById(o.incidentId()) != null) return false;
        Instant now = Instant.now(clock);
        WarRoom w = new WarRoom();
        w.incidentId = o.incidentId();
        w.name = SlackNames.channel(o.channel(), o.incidentId());
        w.requestedName = o.channel() == null || o.channel().isBlank() ? w.name : o.channel().strip();
        w.videoUrl = o.videoUrl();
        w.documentUrl = o.documentUrl();
        w.openedAt = o.openedAt() != null ? o.openedAt() : now;
        Optional<String> unconfigured = slack.unconfigured();
        w.status = unconfigured.isPresent() ? WarRoom.UNCONFIGURED : WarRoom.PENDING;
        w.lastError = unconfigured.orElse(null);
        w.nextAttemptAt = unconfigured.isPresent() ? null : now;
        // the request's trace: the rounds that create, fill and (after the resolution) archive the room continue it
        w.traceparent = TraceParents.current();
        w.persist();
        config.warRoom().invite().orElse(List.of()).stream().map(String::strip).filter(SlackNames::isUser)
                .forEach(user -> addMember(w.incidentId, user, now));
        return true;
    }

    /**
     * A responder paged on Slack is one to invite, whether the war room exists yet or not; a war room already created
     * (and not waiting out a backoff) gets to work at once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void paged(NotificationRequested r) {
        if (!ContactAddress.SLACK.equals(r.channel()) || !SlackNames.isUser(r.address())) return;
        Instant now = Instant.now(clock);
        if (addMember(r.incidentId(), r.address().strip(), now)) {
            em.createNativeQuery("UPDATE war_room SET next_attempt_at = :now WHERE incident_id = :id "
                            + "AND status = 'created' AND (next_attempt_at IS NULL OR attempts = 0)")
                    .setParameter("now", now).setParameter("id", r.incidentId()).executeUpdate();
        }
    }

    private boolean addMember(String incidentId, String user, Instant now) {
        return em.createNativeQuery("INSERT INTO war_room_member (incident_id, slack_user_id, added_at) "
                        + "VALUES (:id, :user, :now) ON CONFLICT DO NOTHING")
                .setParameter("id", incidentId).setParameter("user", user).setParameter("now", now)
                .executeUpdate() == 1;
    }

    /** The war room is archived {@code war-room.archive-after} after the resolution. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resolved(IncidentResolved r) {
        WarRoom w = WarRoom.findById(r.incidentId());
        if (w == null || !(WarRoom.PENDING.equals(w.status) || WarRoom.CREATED.equals(w.status))) return;
        Instant resolvedAt = r.resolvedAt() != null ? r.resolvedAt() : Instant.now(clock);
        w.archiveDueAt = resolvedAt.plus(config.warRoom().archiveAfter());
        w.unarchive = false;
        w.wake(w.archiveDueAt);
    }

    /** A reopened incident keeps its war room: a pending archive is cancelled, an archived channel unarchived. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reopened(IncidentReopened r) {
        WarRoom w = WarRoom.findById(r.incidentId());
        if (w == null) return;
        w.archiveDueAt = null;
        if (WarRoom.ARCHIVED.equals(w.status)) {
            w.unarchive = true;
            w.wake(Instant.now(clock));
        }
    }

    /** How a responder's page names the war room; empty when intake announced none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<WarRoomLink> link(String incidentId) {
        return WarRoom.<WarRoom>findByIdOptional(incidentId)
                .map(w -> w.url != null ? new WarRoomLink(w.name, w.url) : new WarRoomLink(w.requestedName, null));
    }

    /** Claims the next war room with work due (its own short transaction, committed with the lease). */
    @SuppressWarnings("unchecked")
    public Optional<WarRoomWork> claimNext() {
        Instant now = Instant.now(clock);
        List<WarRoom> due = em.createNativeQuery("SELECT * FROM war_room WHERE next_attempt_at <= :now "
                        + "AND (lease_until IS NULL OR lease_until <= :now) ORDER BY next_attempt_at LIMIT 1 "
                        + "FOR UPDATE SKIP LOCKED", WarRoom.class)
                .setParameter("now", now)
                .getResultList();
        return due.stream().findFirst().map(w -> {
            w.leaseUntil = now.plus(config.paging().lease());
            TrackedIncident t = TrackedIncident.findById(w.incidentId);
            return new WarRoomWork(w.incidentId, w.status, w.name, w.channelId, pendingMembers(w.incidentId),
                    w.summaryTs, w.pinned, w.unarchive,
                    w.archiveDueAt != null && !w.archiveDueAt.isAfter(now),
                    WarRoomSummary.text(w, t), w.traceparent);
        });
    }

    @SuppressWarnings("unchecked")
    private List<String> pendingMembers(String incidentId) {
        return em.createNativeQuery("SELECT slack_user_id FROM war_room_member WHERE incident_id = :id "
                        + "AND invited_at IS NULL AND error IS NULL ORDER BY added_at, slack_user_id")
                .setParameter("id", incidentId).getResultList();
    }

    /** Slack has the channel (created now, or found after {@code name_taken}): announced once. */
    public void created(String incidentId, String channelId, String name) {
        WarRoom w = locked(incidentId);
        if (w.channelId != null) return;
        w.channelId = channelId;
        w.name = name;
        w.url = SlackNames.link(channelId, config.channels().slack().workspaceUrl());
        w.status = WarRoom.CREATED;
        w.createdAt = Instant.now(clock);
        outbox.publish(new WarRoomCreated(incidentId, SlackApi.PROVIDER, channelId, name, w.url, w.createdAt));
    }

    /** Slack has this user in the channel, or refused them for good ({@code error}: not tried again). */
    public void invited(String incidentId, String user, String error) {
        em.createNativeQuery("UPDATE war_room_member SET invited_at = :now, error = :error "
                        + "WHERE incident_id = :id AND slack_user_id = :user")
                .setParameter("now", error == null ? Instant.now(clock) : null)
                .setParameter("error", error == null ? null : error.substring(0, Math.min(500, error.length())))
                .setParameter("id", incidentId).setParameter("user", user).executeUpdate();
    }

    public void summaryPosted(String incidentId, String ts) {
        locked(incidentId).summaryTs = ts;
    }

    public void pinned(String incidentId) {
        locked(incidentId).pinned = true;
    }

    public void archived(String incidentId) {
        WarRoom w = locked(incidentId);
        w.status = WarRoom.ARCHIVED;
        w.archiveDueAt = null;
        w.archivedAt = Instant.now(clock);
        outbox.publish(new WarRoomArchived(incidentId, SlackApi.PROVIDER, w.channelId, w.name, w.archivedAt));
    }

    public void unarchived(String incidentId) {
        WarRoom w = locked(incidentId);
        w.status = WarRoom.CREATED;
        w.unarchive = false;
        w.archivedAt = null;
    }

    /** Slack lost its token since: recorded, not retried. */
    public void unconfigured(String incidentId, String reason) {
        WarRoom w = locked(incidentId);
        w.status = WarRoom.UNCONFIGURED;
        w.lastError = reason;
        w.nextAttemptAt = null;
        w.leaseUntil = null;
    }

    /** The round did all it had: the lease is released and the next work (if any) is due when the state says. */
    public void done(String incidentId) {
        WarRoom w = locked(incidentId);
        Instant now = Instant.now(clock);
        w.attempts = 0;
        w.lastError = null;
        w.leaseUntil = null;
        w.nextAttemptAt = w.nextWork(now, !pendingMembers(incidentId).isEmpty());
    }

    /**
     * A step failed: retried after the backoff (or Slack's Retry-After, capped) until {@code paging.max-attempts}
     * rounds failed in a row, then {@code failed}; a rate-limited round (Retry-After) is retried whatever the count.
     *
     * @return true when a retry was scheduled
     */
    public boolean failed(String incidentId, String error, Duration retryAfter) {
        WarRoom w = locked(incidentId);
        w.attempts++;
        w.lastError = error == null ? null : error.substring(0, Math.min(500, error.length()));
        w.leaseUntil = null;
        // rate limited: Slack said when to come back, which is no reason to give up
        if (retryAfter == null && w.attempts >= config.paging().maxAttempts()) {
            w.status = WarRoom.FAILED;
            w.nextAttemptAt = null;
            return false;
        }
        w.nextAttemptAt = Instant.now(clock).plus(Backoff.after(w.attempts, retryAfter, config.paging().retryBackoff(),
                config.paging().maxBackoff()));
        return true;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<WarRoom> of(String incidentId) {
        return WarRoom.findByIdOptional(incidentId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public List<WarRoomMember> members(String incidentId) {
        List<Object[]> rows = em.createNativeQuery("SELECT slack_user_id, added_at, invited_at, error "
                        + "FROM war_room_member WHERE incident_id = :id ORDER BY added_at, slack_user_id")
                .setParameter("id", incidentId).getResultList();
        return rows.stream().map(r -> new WarRoomMember((String) r[0], instant(r[1]), instant(r[2]), (String) r[3]))
                .toList();
    }

    /** A TIMESTAMPTZ of a native query, as the JDBC driver hands it over. */
    private static Instant instant(Object value) {
        if (value instanceof Instant i) return i;
        if (value instanceof java.time.OffsetDateTime o) return o.toInstant();
        if (value instanceof java.sql.Timestamp t) return t.toInstant();
        return null;
    }

    private WarRoom locked(String incidentId) {
        return WarRoom.findById(incidentId, LockModeType.PESSIMISTIC_WRITE);
    }
}
