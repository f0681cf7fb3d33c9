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

    /** The escalation policy for incidents whose service and team map to none; none by default (nobody paged). */
    Optional<String> defaultEscalationPolicy();

    /** The ack link in pages: {@code incidentops.oncall.ack.*}. */
    Ack ack();

    /** Escalation timers: {@code incidentops.oncall.escalation.*}. */
    Escalation escalation();

    /** The declarative on-call file: {@code incidentops.oncall.file.*}. */
    File file();

    interface File {
        /**
         * A YAML (or JSON) file of users, schedules, escalation policies and services, in the REST API's shapes,
         * applied at start and again whenever its content changes (a mounted ConfigMap, a Git checkout); none by
         * default.
         */
        Optional<java.nio.file.Path> path();

        /** How often the file is read again to see whether it changed. */
        @WithDefault("10s")
        java.time.Duration checkInterval();
    }

    interface Ack {
        /** Base URL of intake as people reach it; the link is {@code <base-url>/ack/<token>}. */
        @WithDefault("http://localhost:8081")
        String baseUrl();

        /**
         * HMAC-SHA256 key of the ack tokens, at least 32 characters, the same on every replica (production: from the
         * environment). Unset: production refuses to start; other profiles use a random key per process, so links die
         * with a restart (the platform's LinkTokens rules).
         */
        Optional<String> signingSecret();

        @WithDefault("24h")
        java.time.Duration tokenTtl();
    }

    interface Escalation {
        @WithDefault("1s")
        java.time.Duration pollInterval();

        @WithDefault("50")
        int batchSize();

        /** How long a claimed step waits for its replica before another one fires it. */
        @WithDefault("30s")
        java.time.Duration lease();
    }

    interface Team {
        Optional<String> onCall();

        Optional<String> lead();

        Optional<String> management();

        Optional<String> commander();

        Optional<String> primary();

        /** The team's escalation policy (by ID) when the incident's service maps to none. */
        Optional<String> escalationPolicy();

        /** User ID of the engineering lead, paged at once for P0 and P1. */
        Optional<String> leadUser();

        /** User ID of management, paged at once for P0. */
        Optional<String> managementUser();
    }
}
