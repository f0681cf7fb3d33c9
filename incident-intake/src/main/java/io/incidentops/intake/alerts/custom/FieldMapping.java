package io.incidentops.intake.alerts.custom;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.incidentops.events.model.Severity;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/**
 * How a custom source's JSON becomes alerts, for the tools we do not know: each field an expression (JSON Pointer or
 * JSONPath, see {@link FieldExpression}). Stored with the integration; {@link #compile} checks and compiles it.
 *
 * @param alerts          where the alerts are when a body carries several (an array, e.g. {@code $.alerts[*]}); the
 *                        other expressions are then read in each; absent: the body is one alert
 * @param severity        the source's severity; its words are looked up in {@code severities}, else read as P0..P4 or
 *                        critical/error/warning/info; absent or unmatched: {@code defaultSeverity} (P3)
 * @param dedupKey        the alert's identity at the source; absent: a hash of service and summary
 * @param status          the alert's state; one of {@code resolvedWhen} (default resolved, ok, closed, recovered,
 *                        up) makes it a resolved notice
 * @param labels          an object whose scalar members become labels (team, environment, ...)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldMapping(
        @Size(max = 512) String alerts,
        @NotBlank @Size(max = 512) String service,
        @NotBlank @Size(max = 512) String summary,
        @Size(max = 512) String description,
        @Size(max = 512) String severity,
        @Size(max = 50) Map<@NotBlank @Size(max = 255) String, Severity> severities,
        Severity defaultSeverity,
        @Size(max = 512) String dedupKey,
        @Size(max = 512) String status,
        @Size(max = 20) List<@NotBlank @Size(max = 255) String> resolvedWhen,
        @Size(max = 512) String labels) {

    static final List<String> RESOLVED_BY_DEFAULT = List.of("resolved", "ok", "closed", "recovered", "up");

    public CustomFormat compile() {
        return new CustomFormat(this);
    }
}
