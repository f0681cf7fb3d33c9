package io.incidentops.testsupport.api;

import io.incidentops.local.LocalInfra;
import io.incidentops.testsupport.InfraTestResource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The number of rows of every table of a service's schema: what a refused request must leave as it was. */
final class RowCounts {

    private RowCounts() {
    }

    static Map<String, Long> of(String schema) {
        LocalInfra infra = InfraTestResource.infra();
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(), infra.username(), infra.password());
             Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                    + schema.replace("'", "") + "' AND table_type = 'BASE TABLE'")) {
                while (rs.next()) tables.add(rs.getString(1));
            }
            Map<String, Long> counts = new TreeMap<>();
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + schema + "\".\"" + table + "\"")) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
            if (counts.isEmpty()) throw new IllegalStateException("schema " + schema + " has no tables");
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("counting the rows of schema " + schema, e);
        }
    }
}
