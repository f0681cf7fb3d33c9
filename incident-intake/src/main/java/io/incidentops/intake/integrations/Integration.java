package io.incidentops.intake.integrations;

import io.incidentops.events.model.Severity;
import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.alerts.custom.CustomFormat;
import io.incidentops.platform.problem.InvalidInputException;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An alert source and what its key may do: the routes it may use, the highest severity it may declare, its rate limit.
 * Every alert it sends is {@linkplain #scoped scoped}: its dedup key lives in the integration's own namespace (a key
 * can neither guess nor acknowledge nor resolve another source's alerts), its severity is lowered to the cap.
 *
 * @param maxSeverity        the highest severity it may declare; null: any
 * @param rateLimit          alerts per second it may send (per replica); null: unlimited
 * @param choosesIncidentIds whether its alerts may name their incident ID (responders and the trusted topic only)
 * @param customFormat       how its JSON becomes alerts, for a custom source; else null
 */
public record Integration(String name, SourceType sourceType, Set<IntegrationRoute> routes, Severity maxSeverity,
                          RateLimit rateLimit, Origin origin, boolean choosesIncidentIds, CustomFormat customFormat) {

    /** The label that records the severity an alert asked for when the cap lowered it. */
    public static final String CAPPED_FROM_LABEL = "severity_capped_from";
    /** Dedup keys are {@code <integration>/<sender's key>}. */
    static final char NAMESPACE_SEPARATOR = '/';

    public enum Origin {
        /** {@code incidentops.security.integration-keys.<name>}: changed by redeploying. */
        CONFIGURATION,
        /** Created through {@code /api/admin/integrations}: rotated and revoked there. */
        API,
        /** The {@code alerts} topic's default and responders' own declarations: no key at all. */
        BUILT_IN
    }

    public record RateLimit(double perSecond, int burst) {
    }

    public Integration {
        routes = routes.isEmpty() ? EnumSet.noneOf(IntegrationRoute.class) : EnumSet.copyOf(routes);
    }

    /** What an integration's name may be: it prefixes its dedup keys, so no {@value #NAMESPACE_SEPARATOR}. */
    public static final String NAME_RULE = "lower-case letters, digits, - and _, at most 63";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Records of the {@code alerts} topic that name no integration: trusted through Kafka's own ACLs. */
    public static Integration alertsTopic() {
        return onAlertsTopic("kafka");
    }

    /** Records of the topic whose header names an integration nobody configured: its own namespace, the topic's trust. */
    public static Integration onAlertsTopic(String name) {
        return new Integration(name, SourceType.KAFKA, Set.of(), null, null, Origin.BUILT_IN, true, null);
    }

    /** Alerts intake raises itself for a heartbeat nobody pinged in time. */
    public static Integration heartbeats() {
        return new Integration("heartbeat", SourceType.GENERIC, Set.of(), null, null, Origin.BUILT_IN, false, null);
    }

    /** Incidents a responder declares by hand ({@code POST /api/incidents}). */
    public static Integration responders() {
        return new Integration("manual", SourceType.GENERIC, Set.of(), null, null, Origin.BUILT_IN, true, null);
    }

    public boolean mayUse(IntegrationRoute route) {
        return routes.contains(route);
    }

    /** The sender's dedup key in this integration's namespace. */
    public String dedupKey(String sendersKey) {
        return name + NAMESPACE_SEPARATOR + sendersKey;
    }


    /**
     * The alerts as this integration may send them: namespaced dedup keys, severities above the cap lowered to it
     * (and recorded in the {@value #CAPPED_FROM_LABEL} label, never refused: a source that overstates must not lose
     * its alert). An incident ID chosen by a key's alert is refused.
     */
    public List<Alert> scoped(List<Alert> alerts) {
        List<Alert> scoped = new ArrayList<>(alerts.size());
        for (Alert alert : alerts) {
            scoped.add(scoped(alert));
        }
        return scoped;
    }

    public Alert scoped(Alert alert) {
        if (alert.requestedId() != null && !choosesIncidentIds) {
            throw new InvalidInputException("incidentId", "an integration key cannot choose the incident ID (integration '"
                    + name + "'); a responder can, with POST /api/incidents");
        }
        Severity severity = alert.severity();
        Map<String, String> labels = alert.labels();
        if (severity != null && maxSeverity != null && severity.ordinal() < maxSeverity.ordinal()) {
            labels = new LinkedHashMap<>(labels == null ? Map.of() : labels);
            labels.put(CAPPED_FROM_LABEL, severity.name());
            severity = maxSeverity;
        }
        return alert.scoped(dedupKey(alert.dedupKey()), severity, labels);
    }
}
