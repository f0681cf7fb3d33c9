package io.incidentops.reporter.config;

import io.incidentops.events.model.Severity;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/** Typed configuration of the reporter ({@code incidentops.reporter.*}); the reports directory is {@code incidentops.reports-dir}. */
@ConfigMapping(prefix = "incidentops.reporter")
public interface ReporterConfig {

    Sla sla();

    Pir pir();

    /** Resolution targets per severity (total MTTR, impact start to full recovery). "none" disables one. */
    interface Sla {
        @WithName("P0.resolution") @WithDefault("4h") String p0Resolution();

        @WithName("P1.resolution") @WithDefault("8h") String p1Resolution();

        @WithName("P2.resolution") @WithDefault("24h") String p2Resolution();

        @WithName("P3.resolution") @WithDefault("72h") String p3Resolution();

        @WithName("P4.resolution") @WithDefault("none") String p4Resolution();

        /** What "Immediate" (P0's response target) means when measured: acknowledged within this time. */
        @WithName("immediate-response") @WithDefault("5m") Duration immediateResponse();

        default Optional<Duration> resolution(Severity severity) {
            String value;
            switch (severity) {
                case P0: value = p0Resolution(); break;
                case P1: value = p1Resolution(); break;
                case P2: value = p2Resolution(); break;
                case P3: value = p3Resolution(); break;
                default: value = p4Resolution(); break;
            }
            return parseTarget(value);
        }

        /** The response target of the contract ({@link Severity#responseTarget()}), "Immediate" made measurable. */
        default Optional<Duration> response(Severity severity) {
            return severity.responseTarget().map(t -> t.isZero() ? immediateResponse() : t);
        }

        static Optional<Duration> parseTarget(String value) {
            String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
            if (v.isEmpty() || v.equals("none")) return Optional.empty();
            return Optional.of(DurationConverter.parseDuration(v));
        }
    }

    interface Pir {
        /** Length of the PIR meeting in the calendar invite. */
        @WithDefault("1h") Duration meetingDuration();

        /** Detection slower than this is called out under "What Went Wrong" and in Monitoring Improvements. */
        @WithDefault("10m") Duration slowDetection();

        /** Action items are due this long after the review. */
        @WithDefault("14d") Duration actionItemsDueAfter();

        /** Who sends the invite ({@code Name <address>}): its ORGANIZER; replies (RSVP) go there. */
        @WithDefault("IncidentOps <incidentops@localhost>") String organizer();

        /** The review is proposed within working hours of this zone, on a weekday, ending by the deadline. */
        @WithDefault("UTC") ZoneId timeZone();

        @WithDefault("09:00") LocalTime workdayStart();

        @WithDefault("17:00") LocalTime workdayEnd();
    }
}
