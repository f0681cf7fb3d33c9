package io.incidentops.intake.oncall;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;
import java.util.Optional;

/**
 * The on-call roster ({@code incidentops.oncall.*}). Each person is written {@code Name <contact>}; the team is the
 * alert's {@code team} label when it names a configured team, else {@link #defaultTeam()}.
 */
@ConfigMapping(prefix = "incidentops.oncall")
public interface OncallConfig {

    @WithDefault("platform")
    String defaultTeam();

    Map<String, Team> teams();

    interface Team {
        Optional<String> onCall();

        Optional<String> lead();

        Optional<String> management();

        Optional<String> commander();

        Optional<String> primary();
    }
}
