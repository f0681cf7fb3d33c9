package io.incidentops.intake.integrations;

import java.util.Arrays;
import java.util.Optional;

/** The alert-ingestion routes an integration key may be allowed to use, by the names keys are configured with. */
public enum IntegrationRoute {
    /** {@code POST /api/alerts}: the generic JSON alert. */
    ALERTS("alerts"),
    /** {@code POST /api/integrations/alertmanager}. */
    ALERTMANAGER("alertmanager"),
    /** {@code POST /api/integrations/grafana}. */
    GRAFANA("grafana"),
    /** {@code POST /v2/enqueue}: PagerDuty Events API v2. */
    PAGERDUTY_EVENTS("pagerduty-events"),
    /** {@code POST /v2/change/enqueue}: PagerDuty change events. */
    PAGERDUTY_CHANGES("pagerduty-changes"),
    /** {@code POST /v2/alerts...}: Opsgenie's Alert API. */
    OPSGENIE_ALERTS("opsgenie-alerts"),
    /** {@code /v2/heartbeats...}: Opsgenie's Heartbeat API. */
    OPSGENIE_HEARTBEATS("opsgenie-heartbeats"),
    /** {@code POST /api/integrations/custom}: any JSON, mapped by the integration's field expressions. */
    CUSTOM("custom"),
    /** Mail to {@code <key>@<incidentops.intake.email.domain>}: the SMTP listener (README "Email in"). */
    EMAIL("email");

    private final String wireName;

    IntegrationRoute(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<IntegrationRoute> byWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }
}
