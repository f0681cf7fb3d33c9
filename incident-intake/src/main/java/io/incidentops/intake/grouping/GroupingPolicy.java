package io.incidentops.intake.grouping;

import io.incidentops.intake.alerts.Alert;
import io.incidentops.intake.config.IntakeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Locale;

/**
 * The group key of an alert: the values of the configured {@code by} fields, written as Alertmanager writes its
 * group keys ({@code service="checkout", team="payments"}), so that "why was this grouped?" reads off the incident.
 */
@ApplicationScoped
public class GroupingPolicy {

    @Inject
    IntakeConfig config;

    public String keyFor(Alert alert) {
        List<String> fields = fieldsFor(alert);
        StringBuilder key = new StringBuilder();
        for (String field : fields) {
            if (!key.isEmpty()) key.append(", ");
            key.append(field).append("=\"").append(escape(valueOf(alert, field))).append('"');
        }
        return key.toString();
    }

    List<String> fieldsFor(Alert alert) {
        IntakeConfig.Grouping grouping = config.grouping();
        IntakeConfig.Grouping.Rule rule = alert.service() == null ? null : grouping.services().get(alert.service());
        if (rule == null) rule = grouping.integrations().get(alert.source());
        return rule != null ? rule.by() : grouping.by();
    }

    private static String valueOf(Alert alert, String field) {
        String value = switch (field.trim().toLowerCase(Locale.ROOT)) {
            // case-insensitive, as the dedup key treats the service (DedupKeys)
            case "service" -> alert.service() == null ? null : alert.service().toLowerCase(Locale.ROOT);
            case "team" -> alert.team() == null ? null : alert.team().toLowerCase(Locale.ROOT);
            case "source" -> alert.source();
            default -> alert.labels() == null ? null : alert.labels().get(field.trim());
        };
        return value == null ? "" : value.trim();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
