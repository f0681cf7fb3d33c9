package io.incidentops.intake.config;

import io.incidentops.events.model.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Typed configuration of incident-intake ({@code incidentops.intake.*}); every key is listed in the module README. */
@ConfigMapping(prefix = "incidentops.intake")
public interface IntakeConfig {

    /** How far in the future an alert's {@code startsAt} may lie (senders' clocks drift) before it is refused. */
    @WithDefault("5m")
    Duration maxClockSkew();

    WarRoom warRoom();

    Grouping grouping();

    Writer writer();

    /** Heartbeats' expiry worker: {@code incidentops.intake.heartbeats.*}. */
    Heartbeats heartbeats();

    /** PagerDuty change events onto the deployments topic: {@code incidentops.intake.changes.*}. */
    Changes changes();

    /** Email in, the SMTP listener: {@code incidentops.intake.email.*}; off unless a port is set. */
    Email email();

    interface Heartbeats {
        /** How often expired heartbeats are looked for (a ping that resolves one wakes the worker at once). */
        @WithDefault("5s")
        Duration pollInterval();

        @WithDefault("50")
        int batchSize();

        /** How long a claimed notice waits for its replica before another one sends it. */
        @WithDefault("30s")
        Duration lease();
    }

    interface Email {
        /** The SMTP port; absent: no listener; 0: any free port (the local stack and tests). */
        OptionalInt port();

        @WithDefault("0.0.0.0")
        String bindHost();

        /** The domain of the integration addresses ({@code <key>@<domain>}); absent: any domain. */
        Optional<String> domain();

        /** A larger mail is refused with 552 (announced as the SIZE extension). */
        @WithDefault("1048576")
        int maxMessageBytes();

        /** The severity of a mail whose subject has no {@code [P1]}-style tag. */
        @WithDefault("P3")
        Severity defaultSeverity();

        /** The same per integration name, instead of the default. */
        Map<String, Severity> severity();

        /**
         * Where a mail's service comes from, first that gives one: {@code tag} (a {@code [service]} tag in the
         * subject), {@code sender-domain} (the From address's domain), {@code integration} (the integration's name).
         */
        @WithDefault("tag,integration")
        List<String> serviceFrom();

        /** How long a mail's SMTP session may stay silent before it is closed. */
        @WithDefault("60s")
        Duration connectionTimeout();
    }

    interface Changes {
        /** How long a change event waits for the broker's acknowledgement before the sender is told to retry. */
        @WithDefault("10s")
        Duration sendTimeout();
    }

    /**
     * Per-integration rate limits, keyed by the integration key's name ({@code incidentops.security.integration-keys.<name>}),
     * counted in alerts; none by default. Over the limit: 503 (429 on {@code /v2/enqueue}) with {@code Retry-After}.
     */
    Map<String, RateLimit> rateLimits();

    interface RateLimit {
        /** Sustained alerts per second. */
        double perSecond();

        /** Alerts that may arrive at once after a quiet spell; default one second's worth. */
        java.util.Optional<Integer> burst();
    }

    /**
     * Group commit of alert intake (one writer per replica): many alerts per transaction, each caller answered after
     * the shared commit; repeats of known alerts counted in memory and flushed per interval.
     */
    interface Writer {
        /**
         * Writer threads, each committing the alerts of its share of the group keys: one transaction's round trips
         * overlap another's work. Each holds a database connection while it writes.
         */
        @WithDefault("2")
        int lanes();

        /**
         * Threads appending to the journal, each one insert (and one commit) for all the callers waiting when it
         * starts; with more than one, a caller waits for the next commit to start, not for the running one to end.
         */
        @WithDefault("2")
        int journalWriters();

        /** Alerts waiting for the writer at most; beyond it callers are refused (503/429 with Retry-After). */
        @WithDefault("20000")
        int maxQueuedAlerts();

        /**
         * Alerts waiting to be applied beyond which an Alertmanager caller is answered only once its alerts are
         * applied, not once journaled: a sender faster than the lanes is slowed down, not refused, and the
         * incidents lag their alerts by at most about this many alerts' work.
         */
        @WithDefault("2000")
        int journalBacklog();

        /**
         * How long a lane waits for more journaled alerts (already answered) before applying what it has: larger
         * batches, far fewer transactions per alert, at the cost of this much delay before the incident exists.
         */
        @WithDefault("50ms")
        Duration applyLinger();

        /** Alerts committed in one transaction at most. */
        @WithDefault("1000")
        int maxBatchAlerts();

        /** How long a caller waits for its commit before it is answered 503 (the alert may still commit). */
        @WithDefault("10s")
        Duration answerTimeout();

        /** Repeats of unchanged alerts are answered at once and their counts written every interval. */
        @WithDefault("2s")
        Duration countFlushInterval();

        /**
         * How long this replica trusts what it knows of an alert (incident, firing or resolved) to answer a repeat
         * without the database; a change another replica recorded is seen here within it.
         */
        @WithDefault("30s")
        Duration knownAlertTtl();

        /** Distinct alerts this replica remembers at most (memory bound). */
        @WithDefault("200000")
        int maxKnownAlerts();

        /** Seconds a refused caller is told to wait ({@code Retry-After}). */
        @WithDefault("2")
        int retryAfterSeconds();

        /**
         * Journal rows older than this are applied by any replica (their own writer died, or is that far behind);
         * also how often a replica looks for them, at a third of it.
         */
        @WithDefault("30s")
        Duration staleJournalAfter();
    }

    /**
     * Which alerts make one incident (as Alertmanager's {@code group_by} and PagerDuty's alert grouping): alerts with
     * the same values of the {@code by} fields join the group's open incident. A service's rule wins over its
     * integration's, which wins over the default.
     */
    interface Grouping {
        /** Fields: {@code service}, {@code team}, {@code source}, or any label name ({@code alertname}, {@code cluster}). */
        @WithDefault("service,team")
        List<String> by();

        /** Per integration ({@code alertmanager}, {@code api}, {@code pagerduty}, {@code kafka}, {@code manual}). */
        Map<String, Rule> integrations();

        /** Per service (the alert's {@code service}). */
        Map<String, Rule> services();

        /** At most one {@code incident.alert-activity} per incident per interval; repeats are summarised in it. */
        @WithDefault("10s")
        Duration activityInterval();

        /** An alert whose group's incident resolved less than this ago reopens it instead of declaring a new one. */
        @WithDefault("30m")
        Duration reopenWindow();

        interface Rule {
            List<String> by();
        }
    }

    interface WarRoom {
        /** Chat channel name prefix; the channel is this plus the lower-case incident ID. */
        @WithDefault("#incident-")
        String channelPrefix();

        /** Video call base URL (P0/P1 only); the lower-case incident ID is appended. */
        @WithDefault("https://meet.example.com/incident-")
        String videoBaseUrl();

        /** Shared incident document base URL; the incident ID is appended. */
        @WithDefault("https://docs.example.com/incidents/")
        String documentBaseUrl();
    }
}
