package io.incidentops.intake.integrations;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What kind of tool an integration is: it decides the routes a key may use unless they are listed. */
public enum SourceType {
    GENERIC("generic", EnumSet.of(IntegrationRoute.ALERTS)),
    ALERTMANAGER("alertmanager", EnumSet.of(IntegrationRoute.ALERTMANAGER)),
    GRAFANA("grafana", EnumSet.of(IntegrationRoute.GRAFANA)),
    PAGERDUTY("pagerduty", EnumSet.of(IntegrationRoute.PAGERDUTY_EVENTS, IntegrationRoute.PAGERDUTY_CHANGES)),
    OPSGENIE("opsgenie", EnumSet.of(IntegrationRoute.OPSGENIE_ALERTS, IntegrationRoute.OPSGENIE_HEARTBEATS)),
    /** A tool we do not know: its JSON mapped to alerts by field expressions (a field mapping is required). */
    CUSTOM("custom", EnumSet.of(IntegrationRoute.CUSTOM)),
    /** Tools that can only send mail: the SMTP listener. */
    EMAIL("email", EnumSet.of(IntegrationRoute.EMAIL)),
    /** Records on the {@code alerts} topic (an {@code incidentops-integration} header names the integration). */
    KAFKA("kafka", EnumSet.noneOf(IntegrationRoute.class));

    private final String wireName;
    private final EnumSet<IntegrationRoute> defaultRoutes;

    SourceType(String wireName, EnumSet<IntegrationRoute> defaultRoutes) {
        this.wireName = wireName;
        this.defaultRoutes = defaultRoutes;
    }

    public String wireName() {
        return wireName;
    }

    public Set<IntegrationRoute> defaultRoutes() {
        return EnumSet.copyOf(defaultRoutes);
    }

    public static Optional<SourceType> byWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
