package io.incidentops.e2e.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the services recorded of one run (its alerts' fingerprints and services start with the run's tag), read from
 * their schemas directly, not through their APIs: the counts the fault suite holds against the load's own log.
 */
final class Ledger implements AutoCloseable {

    static final String[] SCHEMAS = {"intake", "executor", "comms", "reporter"};

    private final Connection db;
    private final String like;
    private final String namespacedLike;

    Ledger(String jdbcUrl, String user, String password, String tag) throws SQLException {
        this.db = DriverManager.getConnection(jdbcUrl, user, password);
        this.like = tag + "-%";
        // dedup keys are namespaced per integration: <integration>/<fingerprint>
        this.namespacedLike = "%/" + like;
    }

    /** Fingerprints recorded as alerts of an incident, once each or not (whichever integration sent them). */
    Set<String> recordedAlerts() throws SQLException {
        Set<String> keys = new HashSet<>();
        try (PreparedStatement st = db.prepareStatement("SELECT substr(dedup_key, strpos(dedup_key, '/') + 1)"
                + " FROM intake.grouped_alert WHERE dedup_key LIKE ?")) {
            st.setString(1, namespacedLike);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    long alertRows() throws SQLException {
        return count("SELECT count(*) FROM intake.grouped_alert WHERE dedup_key LIKE ?", namespacedLike);
    }

    long incidents() throws SQLException {
        return count("SELECT count(*) FROM intake.incident WHERE service LIKE ?");
    }

    long servicesWithAnIncident() throws SQLException {
        return count("SELECT count(DISTINCT service) FROM intake.incident WHERE service LIKE ?");
    }

    long statusPageEntries() throws SQLException {
        return count("SELECT count(*) FROM comms.page_incident p JOIN intake.incident i ON i.id = p.incident_id "
                + "WHERE i.service LIKE ?");
    }

    long incidentsOnTheStatusPage() throws SQLException {
        return count("SELECT count(DISTINCT p.incident_id) FROM comms.page_incident p "
                + "JOIN intake.incident i ON i.id = p.incident_id WHERE i.service LIKE ?");
    }

    /** Timeline entries recorded more than once for one event. */
    long repeatedTimelineEntries() throws SQLException {
        return count("SELECT count(*) - count(DISTINCT t.event_id) FROM reporter.timeline_entry t "
                + "JOIN intake.incident i ON i.id = t.incident_id WHERE i.service LIKE ?");
    }

    /** Incidents with at least one page sent (or due) to a person. */
    long pagedIncidents() throws SQLException {
        return count("SELECT count(DISTINCT p.incident_id) FROM comms.page_delivery p "
                + "JOIN intake.incident i ON i.id = p.incident_id WHERE i.service LIKE ?");
    }

    /** Pages beyond one per person, channel and escalation step (rule and pass) of an incident. */
    long repeatedPages() throws SQLException {
        return count("SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM comms.page_delivery p "
                + "JOIN intake.incident i ON i.id = p.incident_id WHERE i.service LIKE ? "
                + "GROUP BY p.incident_id, p.rule, p.pass, p.user_id, p.channel) AS steps");
    }

    /** Every service's dead letters (all runs: a dead letter of any kind breaks the invariant). */
    Map<String, Long> deadLetters() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String schema : SCHEMAS) {
            try (PreparedStatement st = db.prepareStatement("SELECT count(*) FROM " + schema + ".dead_letter");
                 ResultSet rs = st.executeQuery()) {
                rs.next();
                counts.put(schema, rs.getLong(1));
            }
        }
        return counts;
    }

    private long count(String sql) throws SQLException {
        return count(sql, like);
    }

    private long count(String sql, String pattern) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            st.setString(1, pattern);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
