package io.incidentops.intake.incident;

import io.incidentops.events.model.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The alert writer's {@code grouped_alert} rows, read and written by plain JDBC on the transaction's connection, one
 * statement per batch of rows whatever its size (arrays through {@code unnest}). The rows are {@link IncidentAlert}
 * values the session never manages: a writer transaction records up to a thousand alerts, and the session's
 * per-entity work (persist, snapshot, dirty check, one bound statement per row) made them cost ~1.5x the time
 * (bench (d), distinct records).
 * Labels are written, never read back: nothing after the first delivery changes them.
 */
@ApplicationScoped
public class GroupedAlertRows {

    private static final String COLUMNS = "incident_id, dedup_key, group_key, source, status, severity, summary,"
            + " starts_at, ends_at, first_seen, last_seen, deliveries, changed_at";
    /** One array per column of {@link #COLUMNS}, in its order. */
    private static final String ARRAYS = "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::int8[], ?::timestamptz[]";
    private static final String FIND = "SELECT g." + COLUMNS.replace(", ", ", g.")
            + " FROM unnest(?::text[], ?::text[]) AS k(incident_id, dedup_key)"
            + " JOIN grouped_alert g ON g.incident_id = k.incident_id AND g.dedup_key = k.dedup_key";
    private static final String INSERT = "INSERT INTO grouped_alert (" + COLUMNS + ", labels)"
            + " SELECT * FROM unnest(" + ARRAYS + ", ?::text[])";
    private static final String UPDATE = "UPDATE grouped_alert g SET status = u.status, severity = u.severity,"
            + " summary = u.summary, ends_at = u.ends_at, last_seen = u.last_seen, deliveries = u.deliveries,"
            + " changed_at = u.changed_at FROM unnest(" + ARRAYS + ") AS u(" + COLUMNS + ")"
            + " WHERE g.incident_id = u.incident_id AND g.dedup_key = u.dedup_key";
    private static final JsonColumns.LabelsConverter LABELS = new JsonColumns.LabelsConverter();

    @Inject
    EntityManager em;

    /** The records of these (incident, alert) pairs that exist; the others have none. */
    public List<IncidentAlert> find(Collection<IncidentAlert.Key> keys) {
        if (keys.isEmpty()) return List.of();
        return session().doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(FIND)) {
                select.setArray(1, texts(connection, keys, k -> k.incidentId));
                select.setArray(2, texts(connection, keys, k -> k.dedupKey));
                List<IncidentAlert> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) found.add(read(rows));
                }
                return found;
            }
        });
    }

    /** Writes the incidents this transaction declared and has not written yet: rows that refer to them come next. */
    public void writeDeclaredIncidents() {
        session().flush();
    }

    public void insert(Collection<IncidentAlert> records) {
        if (records.isEmpty()) return;
        session().doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                int n = bindColumns(insert, connection, records);
                insert.setArray(n, texts(connection, records, a -> LABELS.convertToDatabaseColumn(a.labels)));
                insert.executeUpdate();
            }
        });
    }

    /** Writes what a delivery may change: state, severity, summary, last seen, delivery count. */
    public void update(Collection<IncidentAlert> records) {
        if (records.isEmpty()) return;
        session().doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                bindColumns(update, connection, records);
                update.executeUpdate();
            }
        });
    }

    /** Whether any alert of the incident is firing. */
    public boolean anyFiring(String incidentId) {
        return session().doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT 1 FROM grouped_alert WHERE incident_id = ? AND status = 'firing' LIMIT 1")) {
                select.setString(1, incidentId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    private Session session() {
        return em.unwrap(Session.class);
    }

    /** Binds {@link #COLUMNS} as one array each; returns the next parameter index. */
    private static int bindColumns(PreparedStatement statement, Connection connection,
                                   Collection<IncidentAlert> records) throws SQLException {
        statement.setArray(1, texts(connection, records, a -> a.incidentId));
        statement.setArray(2, texts(connection, records, a -> a.dedupKey));
        statement.setArray(3, texts(connection, records, a -> a.groupKey));
        statement.setArray(4, texts(connection, records, a -> a.source));
        statement.setArray(5, texts(connection, records, a -> a.status));
        statement.setArray(6, texts(connection, records, a -> a.severity.name()));
        statement.setArray(7, texts(connection, records, a -> a.summary));
        statement.setArray(8, instants(connection, records, a -> a.startsAt));
        statement.setArray(9, instants(connection, records, a -> a.endsAt));
        statement.setArray(10, instants(connection, records, a -> a.firstSeen));
        statement.setArray(11, instants(connection, records, a -> a.lastSeen));
        statement.setArray(12, connection.createArrayOf("int8",
                records.stream().map(a -> (Object) a.deliveries).toArray()));
        statement.setArray(13, instants(connection, records, a -> a.changedAt));
        return 14;
    }

    private static <T> Array texts(Connection connection, Collection<T> items, Function<T, String> field)
            throws SQLException {
        String[] values = new String[items.size()];
        int n = 0;
        for (T item : items) values[n++] = field.apply(item);
        return connection.createArrayOf("text", values);
    }

    /** As ISO-8601 text, which PostgreSQL reads in any session time zone. */
    private static Array instants(Connection connection, Collection<IncidentAlert> records,
                                  Function<IncidentAlert, Instant> field) throws SQLException {
        return texts(connection, records, a -> {
            Instant value = field.apply(a);
            return value == null ? null : value.toString();
        });
    }

    private static IncidentAlert read(ResultSet row) throws SQLException {
        IncidentAlert a = new IncidentAlert();
        a.incidentId = row.getString(1);
        a.dedupKey = row.getString(2);
        a.groupKey = row.getString(3);
        a.source = row.getString(4);
        a.status = row.getString(5);
        a.severity = Severity.valueOf(row.getString(6));
        a.summary = row.getString(7);
        a.startsAt = instant(row.getTimestamp(8));
        a.endsAt = instant(row.getTimestamp(9));
        a.firstSeen = instant(row.getTimestamp(10));
        a.lastSeen = instant(row.getTimestamp(11));
        a.deliveries = row.getLong(12);
        a.changedAt = instant(row.getTimestamp(13));
        return a;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
