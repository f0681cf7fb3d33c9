package io.incidentops.intake.declaration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.incidentops.events.EventCodec;
import io.incidentops.intake.alerts.Alert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Intake's journal: alerts durable in PostgreSQL before they are applied to incidents, so that a webhook can be
 * answered after one small insert (a single statement for every caller of a group commit) instead of after the whole
 * declaration. The writer deletes a row in the transaction that applies its alerts, so each is applied exactly once;
 * rows left by a replica that died (or that could not apply them) are taken by any replica after a while.
 */
@ApplicationScoped
public class AlertJournal {

    /** A row taken from the journal to be applied. */
    public record Entry(long id, List<Alert> alerts, String traceparent) {
    }

    private static final ObjectMapper JSON = EventCodec.mapper();
    private static final JavaType ALERTS = JSON.getTypeFactory().constructCollectionType(List.class, Alert.class);

    /** This process: its rows are applied by its own writer while it lives. */
    private final UUID owner = UUID.randomUUID();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EntityManager em;

    /** The stored form of some alerts; done on the callers' threads, not on the journal's. */
    public String encode(List<Alert> alerts) {
        try {
            return JSON.writeValueAsString(alerts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert could not be written as JSON", e);
        }
    }

    List<Alert> decode(String alerts) {
        try {
            return JSON.readValue(alerts, ALERTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a journal row could not be read", e);
        }
    }

    /**
     * Appends one row per payload, committed (and fsynced) when this returns: one statement, auto-commit, no
     * transaction manager. Returns the rows' ids in the payloads' order.
     */
    long[] append(List<String> payloads, List<String> traceparents) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("""
                     INSERT INTO alert_journal (owner, alerts, traceparent)
                     SELECT ?, a, t FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS x(a, t, n) ORDER BY n
                     RETURNING id""")) {
            c.setAutoCommit(true);
            insert.setObject(1, owner);
            insert.setArray(2, c.createArrayOf("text", payloads.toArray()));
            insert.setArray(3, c.createArrayOf("text", traceparents.toArray()));
            long[] ids = new long[payloads.size()];
            int n = 0;
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) ids[n++] = rows.getLong(1);
            }
            return ids;
        }
    }

    /**
     * Deletes the rows, in the caller's transaction; returns those it deleted. A row another replica took meanwhile
     * is not returned (its transaction holds it until it commits, then it is gone): the caller must not apply it.
     */
    Set<Long> take(List<Long> ids) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM alert_journal WHERE id = ANY(?) RETURNING id")) {
                delete.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                Set<Long> taken = new HashSet<>();
                try (ResultSet rows = delete.executeQuery()) {
                    while (rows.next()) taken.add(rows.getLong(1));
                }
                return taken;
            }
        });
    }

    /**
     * Deletes, in the caller's transaction, up to {@code limit} rows queued longer ago than {@code olderThan} by
     * whichever process (one that died, or one too far behind: its own delete then finds them gone), skipping rows
     * another transaction holds; returns them oldest first.
     */
    List<Entry> takeStale(Duration olderThan, int limit) {
        List<Entry> entries = em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement delete = c.prepareStatement("""
                    DELETE FROM alert_journal WHERE id IN (
                        SELECT id FROM alert_journal WHERE received_at < now() - make_interval(secs => ?)
                        ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
                    RETURNING id, alerts, traceparent""")) {
                delete.setDouble(1, olderThan.toMillis() / 1000.0);
                delete.setInt(2, limit);
                List<Entry> taken = new ArrayList<>();
                try (ResultSet rows = delete.executeQuery()) {
                    while (rows.next()) {
                        taken.add(new Entry(rows.getLong(1), decode(rows.getString(2)), rows.getString(3)));
                    }
                }
                return taken;
            } catch (IllegalStateException unreadable) {
                throw new SQLException(unreadable.getMessage(), unreadable);
            }
        });
        entries.sort(Comparator.comparingLong(Entry::id));
        return entries;
    }
}
