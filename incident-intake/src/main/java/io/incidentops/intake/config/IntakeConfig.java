package io.incidentops.intake.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Typed configuration of incident-intake ({@code incidentops.intake.*}); every key is listed in the module README. */
@ConfigMapping(prefix = "incidentops.intake")
public interface IntakeConfig {

    /** How far in the future an alert's {@code startsAt} may lie (senders' clocks drift) before it is refused. */
    @WithDefault("5m")
    Duration maxClockSkew();

    WarRoom warRoom();

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
